using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Tasks;

/// <summary><c>POST /api/tasks/{id}/complete</c>: the decision and the workflow step commit together, on both providers.</summary>
public abstract class CompleteTaskTests(TasksServerFixture fixture)
{
    private readonly TaskScenario _scenario = new(fixture.Factory);
    private readonly HttpClient _director = fixture.Factory.As("directeur");

    [Fact]
    public async Task Complete_OfferedOutcome_RecordsTheDecisionAndFinishesTheWorkflow()
    {
        var task = await _scenario.StartTaskAsync();
        var instanceId = (string)task["workflowInstanceId"]!;

        var response = await _director.PostAsync($"/api/tasks/{task["id"]}/complete", TaskScenario.Completion(task));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var completed = await response.ReadObjectAsync();
        Assert.Equal("Completed", (string?)completed["status"]);
        Assert.Equal(2, (int)completed["version"]!);
        var row = await _scenario.TaskRowAsync((string)task["id"]!);
        Assert.Equal((HumanTaskStatus.Completed, "Akkoord", "Gezien.", "directeur"), (row.Status, row.Outcome, row.Comment, row.CompletedBy));
        Assert.Equal("Finished", (await _scenario.InstanceRowAsync(instanceId)).Status);
        Assert.Equal(1, await _scenario.CompletedCountAsync(instanceId, "write"));
    }

    [Fact]
    public async Task Complete_SimultaneousCompletions_ExactlyOneSucceedsAndTheWorkflowAdvancesOnce()
    {
        var task = await _scenario.StartTaskAsync();
        var instanceId = (string)task["workflowInstanceId"]!;
        using var other = fixture.Factory.As(TasksServerFixture.SecondDirector);

        var responses = await Task.WhenAll(
            _director.PostAsync($"/api/tasks/{task["id"]}/complete", TaskScenario.Completion(task)),
            other.PostAsync($"/api/tasks/{task["id"]}/complete", TaskScenario.Completion(task)),
            other.PostAsync($"/api/tasks/{task["id"]}/complete", TaskScenario.Completion(task)));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        Assert.Equal(1, await _scenario.CompletedCountAsync(instanceId, "task"));
        Assert.Equal(1, await _scenario.CompletedCountAsync(instanceId, "write"));
        Assert.Equal(2, (await _scenario.TaskRowAsync((string)task["id"]!)).Version);
    }

    [Fact]
    public async Task Complete_OutcomeNotOffered_Returns400AndTheTaskStaysOpen()
    {
        var task = await _scenario.StartTaskAsync();

        var response = await _director.PostAsync($"/api/tasks/{task["id"]}/complete", TaskScenario.Completion(task, outcome: "Misschien"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey("outcome"));
        Assert.Equal(HumanTaskStatus.Open, (await _scenario.TaskRowAsync((string)task["id"]!)).Status);
    }

    [Fact]
    public async Task Complete_RequiredFieldMissing_Returns400KeyedByTheDataField()
    {
        var task = await _scenario.StartTaskAsync(requireExplanation: true);

        var response = await _director.PostAsync($"/api/tasks/{task["id"]}/complete", TaskScenario.Completion(task, data: new JsonObject { ["toelichting"] = " " }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey("data.toelichting"));
        Assert.Equal(HumanTaskStatus.Open, (await _scenario.TaskRowAsync((string)task["id"]!)).Status);
    }

    [Fact]
    public async Task Complete_RequiredFieldGiven_StoresTheData()
    {
        var task = await _scenario.StartTaskAsync(requireExplanation: true);

        var response = await _director.PostAsync($"/api/tasks/{task["id"]}/complete", TaskScenario.Completion(task, data: new JsonObject { ["toelichting"] = "Terecht." }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = JsonNode.Parse((await _scenario.TaskRowAsync((string)task["id"]!)).DataJson!)!;
        Assert.Equal("Terecht.", (string?)data["toelichting"]);
    }

    [Fact]
    public async Task Complete_StaleVersion_Returns409AndTheTaskStaysOpen()
    {
        var task = await _scenario.StartTaskAsync();
        (await _director.PostAsync($"/api/tasks/{task["id"]}/claim", null)).EnsureSuccessStatusCode();

        var response = await _director.PostAsync($"/api/tasks/{task["id"]}/complete", TaskScenario.Completion(task, version: 1));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("De taak is al afgerond of gewijzigd door iemand anders.", (string?)(await response.ReadObjectAsync())["detail"]);
        Assert.Equal(HumanTaskStatus.Open, (await _scenario.TaskRowAsync((string)task["id"]!)).Status);
    }

    [Fact]
    public async Task Complete_AlreadyCompleted_Returns409()
    {
        var task = await _scenario.StartTaskAsync();
        (await _director.PostAsync($"/api/tasks/{task["id"]}/complete", TaskScenario.Completion(task))).EnsureSuccessStatusCode();

        var response = await _director.PostAsync($"/api/tasks/{task["id"]}/complete", TaskScenario.Completion(task, version: 2));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Complete_TaskClaimedBySomeoneElse_Returns409()
    {
        var task = await _scenario.StartTaskAsync();
        (await _director.PostAsync($"/api/tasks/{task["id"]}/claim", null)).EnsureSuccessStatusCode();
        using var other = fixture.Factory.As(TasksServerFixture.SecondDirector);

        var response = await other.PostAsync($"/api/tasks/{task["id"]}/complete", TaskScenario.Completion(task, version: 2));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(HumanTaskStatus.Open, (await _scenario.TaskRowAsync((string)task["id"]!)).Status);
    }

    [Fact]
    public async Task Complete_CallerWithoutTheRole_Returns403AndTheTaskStaysOpen()
    {
        var task = await _scenario.StartTaskAsync();
        using var employee = fixture.Factory.As("medewerker");

        var response = await employee.PostAsync($"/api/tasks/{task["id"]}/complete", TaskScenario.Completion(task));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HumanTaskStatus.Open, (await _scenario.TaskRowAsync((string)task["id"]!)).Status);
    }

    [Fact]
    public async Task Complete_MalformedJson_Returns400AndTheWorkflowWaits()
    {
        var task = await _scenario.StartTaskAsync();

        var response = await _director.PostAsync($"/api/tasks/{task["id"]}/complete", new StringContent("{\"outcome\": \"Akkoord\",", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HumanTaskStatus.Open, (await _scenario.TaskRowAsync((string)task["id"]!)).Status);
        Assert.Equal("Running", (await _scenario.InstanceRowAsync((string)task["workflowInstanceId"]!)).Status);
    }

    [Fact]
    public async Task Complete_MissingBody_Returns400()
    {
        var task = await _scenario.StartTaskAsync();

        var response = await _director.PostAsync($"/api/tasks/{task["id"]}/complete", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HumanTaskStatus.Open, (await _scenario.TaskRowAsync((string)task["id"]!)).Status);
    }

    [Fact]
    public async Task Complete_MissingOutcomeAndVersion_Returns400WithAnErrorPerField()
    {
        var task = await _scenario.StartTaskAsync();

        var response = await _director.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new JsonObject { ["comment"] = "Gezien." });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadObjectAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("outcome"));
        Assert.True(errors.ContainsKey("version"));
    }

    [Fact]
    public async Task Complete_UnknownTask_Returns404()
    {
        var response = await _director.PostAsync($"/api/tasks/{Guid.NewGuid()}/complete", ElsaJson.Body(new JsonObject { ["outcome"] = "Akkoord", ["version"] = 1 }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class SqliteCompleteTaskTests(SqliteTasksServerFixture fixture)
    : CompleteTaskTests(fixture), IClassFixture<SqliteTasksServerFixture>;

public sealed class PostgreSqlCompleteTaskTests(PostgreSqlTasksServerFixture fixture)
    : CompleteTaskTests(fixture), IClassFixture<PostgreSqlTasksServerFixture>;
