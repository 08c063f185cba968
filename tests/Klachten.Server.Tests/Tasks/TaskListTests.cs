using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Tasks;

/// <summary><c>GET /api/tasks</c>: who sees which task, validation and the overdue flag, on both providers.</summary>
public abstract class TaskListTests(TasksServerFixture fixture)
{
    private readonly TaskScenario _scenario = new(fixture.Factory);
    private readonly HttpClient _director = fixture.Factory.As("directeur");
    private readonly HttpClient _admin = fixture.Factory.As("beheerder");

    [Fact]
    public async Task List_RoleScopeAsDirector_ShowsTheOpenTask()
    {
        var instanceId = await _scenario.StartAsync();

        var task = await TaskScenario.FindAsync(_director, instanceId, "scope=role");

        Assert.NotNull(task);
        Assert.Equal(TaskScenario.TaskTitle, (string?)task["title"]);
        Assert.Equal("directeur", (string?)task["role"]);
        Assert.Equal("Open", (string?)task["status"]);
        Assert.Null(task["assignee"]);
        Assert.Null(task["complaintId"]);
        Assert.Null(task["due"]);
        Assert.False((bool)task["overdue"]!);
        Assert.Equal(1, (int)task["version"]!);
        Assert.Equal(["Akkoord", "Afgewezen"], task["outcomes"]!.AsArray().Select(o => (string?)o));
    }

    [Fact]
    public async Task List_DefaultScopeAsEmployee_DoesNotShowTheDirectorsTask()
    {
        var instanceId = await _scenario.StartAsync();
        using var employee = fixture.Factory.As("medewerker");

        var task = await TaskScenario.FindAsync(employee, instanceId, "");

        Assert.Null(task);
    }

    [Fact]
    public async Task List_AllScopeAsBeheerder_ShowsEveryTask()
    {
        var instanceId = await _scenario.StartAsync();
        using var admin = fixture.Factory.As("beheerder");

        var task = await TaskScenario.FindAsync(admin, instanceId);

        Assert.NotNull(task);
    }

    [Fact]
    public async Task List_MineScope_ShowsOnlyTasksTheCallerClaimed()
    {
        var claimed = await _scenario.StartTaskAsync();
        var unclaimed = await _scenario.StartTaskAsync();
        (await _director.PostAsync($"/api/tasks/{claimed["id"]}/claim", null)).EnsureSuccessStatusCode();

        var mine = await _director.GetFromJsonAsync<JsonArray>("/api/tasks?scope=mine");

        var ids = mine!.Select(t => (string?)t!["id"]).ToList();
        Assert.Contains((string?)claimed["id"], ids);
        Assert.DoesNotContain((string?)unclaimed["id"], ids);
    }

    [Fact]
    public async Task List_UnknownScopeAndStatus_Returns400WithAnErrorPerField()
    {
        var response = await _director.GetAsync("/api/tasks?scope=everyone&status=Busy");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadObjectAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("scope"));
        Assert.True(errors.ContainsKey("status"));
    }

    [Fact]
    public async Task List_CompletedStatus_ShowsTheCompletedTaskWithItsOutcome()
    {
        var task = await _scenario.StartTaskAsync();
        (await _director.PostAsync($"/api/tasks/{task["id"]}/complete", TaskScenario.Completion(task))).EnsureSuccessStatusCode();

        var completed = await TaskScenario.FindAsync(_director, (string)task["workflowInstanceId"]!, "scope=role&status=Completed");

        Assert.NotNull(completed);
        Assert.Equal("Akkoord", (string?)completed["outcome"]);
        Assert.Equal("directeur", (string?)completed["completedBy"]);
    }

    [Fact]
    public async Task List_ClockPastExpiry_MarksTheOpenTaskOverdue()
    {
        var task = await _scenario.StartTaskAsync(withTerm: true);
        Assert.False((bool)task["overdue"]!);
        Assert.NotNull((string?)task["due"]);
        var expiresAt = (DateTimeOffset)task["expiresAt"]!;

        var moved = await _admin.PostAsync("/api/dev/clock", ElsaJson.Body(new JsonObject { ["now"] = expiresAt.AddMinutes(1) }));
        moved.EnsureSuccessStatusCode();
        var later = await TaskScenario.FindAsync(_director, (string)task["workflowInstanceId"]!);

        Assert.True((bool)later!["overdue"]!);
        Assert.Equal("Open", (string?)later["status"]);
    }
}

public sealed class SqliteTaskListTests(SqliteTasksServerFixture fixture)
    : TaskListTests(fixture), IClassFixture<SqliteTasksServerFixture>;

public sealed class PostgreSqlTaskListTests(PostgreSqlTasksServerFixture fixture)
    : TaskListTests(fixture), IClassFixture<PostgreSqlTasksServerFixture>;
