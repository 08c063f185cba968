using System.Net;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Tasks;

/// <summary><c>POST /api/tasks/{id}/claim</c>, on both providers.</summary>
public abstract class ClaimTaskTests(TasksServerFixture fixture)
{
    private readonly TaskScenario _scenario = new(fixture.Factory);
    private readonly HttpClient _director = fixture.Factory.As("directeur");

    [Fact]
    public async Task Claim_OpenTask_AssignsTheCallerAndRaisesTheVersion()
    {
        var task = await _scenario.StartTaskAsync();

        var response = await _director.PostAsync($"/api/tasks/{task["id"]}/claim", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var claimed = await response.ReadObjectAsync();
        Assert.Equal("directeur", (string?)claimed["assignee"]);
        Assert.Equal(2, (int)claimed["version"]!);
        Assert.Equal("directeur", (await _scenario.TaskRowAsync((string)task["id"]!)).Assignee);
    }

    [Fact]
    public async Task Claim_TaskHeldBySomeoneElse_Returns409()
    {
        var task = await _scenario.StartTaskAsync();
        (await _director.PostAsync($"/api/tasks/{task["id"]}/claim", null)).EnsureSuccessStatusCode();
        using var other = fixture.Factory.As(TasksServerFixture.SecondDirector);

        var response = await other.PostAsync($"/api/tasks/{task["id"]}/claim", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("directeur", (await _scenario.TaskRowAsync((string)task["id"]!)).Assignee);
    }

    [Fact]
    public async Task Claim_CallerWithoutTheRole_Returns403()
    {
        var task = await _scenario.StartTaskAsync();
        using var employee = fixture.Factory.As("medewerker");

        var response = await employee.PostAsync($"/api/tasks/{task["id"]}/claim", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null((await _scenario.TaskRowAsync((string)task["id"]!)).Assignee);
    }

    [Fact]
    public async Task Claim_UnknownTask_Returns404()
    {
        var response = await _director.PostAsync($"/api/tasks/{Guid.NewGuid()}/claim", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Claim_CompletedTask_Returns409()
    {
        var task = await _scenario.StartTaskAsync();
        (await _director.PostAsync($"/api/tasks/{task["id"]}/complete", TaskScenario.Completion(task))).EnsureSuccessStatusCode();
        using var other = fixture.Factory.As(TasksServerFixture.SecondDirector);

        var response = await other.PostAsync($"/api/tasks/{task["id"]}/claim", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }
}

public sealed class SqliteClaimTaskTests(SqliteTasksServerFixture fixture)
    : ClaimTaskTests(fixture), IClassFixture<SqliteTasksServerFixture>;

public sealed class PostgreSqlClaimTaskTests(PostgreSqlTasksServerFixture fixture)
    : ClaimTaskTests(fixture), IClassFixture<PostgreSqlTasksServerFixture>;
