using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;
using Klachten.Testing;

namespace Klachten.Server.Tests.Instances;

/// <summary>
/// Execute (Studio's Run) answers every outcome of a run with 200, the instance-id headers Studio's client reads and
/// the workflow state; dispatch answers at once with the new instance's id, whatever the run then does.
/// </summary>
public abstract class ExecuteWorkflowTests(ServerFixture fixture)
{
    private readonly HttpClient _owner = fixture.Factory.As("procesbeheerder");

    [Fact]
    public async Task Execute_FaultingWorkflow_Returns200WithFaultedStateAndIncident()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.PublishAsync(InstanceFlows.Faulting(id));

        var (response, state) = await ExecuteAsync(id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("Finished", "Faulted"), ((string?)state["status"], (string?)state["subStatus"]));
        var incident = Assert.Single(state["incidents"]!.AsArray())!;
        Assert.Equal(("fault", InstanceFlows.NodePrefix + "fault", "Elsa.Fault", "Bewust kapot"),
            ((string?)incident["activityId"], (string?)incident["activityNodeId"], (string?)incident["activityType"], (string?)incident["message"]));
        Assert.Equal("Bewust kapot", (string?)state["fault"]!["message"]);
        Assert.Empty(state["bookmarks"]!.AsArray());
    }

    [Fact]
    public async Task Execute_WaitingWorkflow_Returns200WithSuspendedStateAndBookmark()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.PublishAsync(InstanceFlows.Waiting(id, "go-" + id));

        var (response, state) = await ExecuteAsync(id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("Running", "Suspended"), ((string?)state["status"], (string?)state["subStatus"]));
        var bookmark = Assert.Single(state["bookmarks"]!.AsArray())!;
        Assert.Equal(InstanceFlows.NodePrefix + "wait", (string?)bookmark["activityNodeId"]);
        Assert.Equal("go-" + id, (string?)bookmark["payload"]!["eventName"]);
        Assert.Empty(state["incidents"]!.AsArray());
        Assert.Null(state["finishedAt"]);
    }

    [Fact]
    public async Task Execute_FinishingWorkflow_Returns200WithFinishedState()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.PublishAsync(InstanceFlows.Finishing(id));

        var (response, state) = await ExecuteAsync(id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("Finished", "Finished"), ((string?)state["status"], (string?)state["subStatus"]));
        Assert.Empty(state["bookmarks"]!.AsArray());
        Assert.Empty(state["incidents"]!.AsArray());
        Assert.Null(state["fault"]);
        Assert.NotNull(state["finishedAt"]);
    }

    [Fact]
    public async Task Execute_AnyOutcome_SendsTheHeadersStudioReads()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.PublishAsync(InstanceFlows.Faulting(id));

        var (response, state) = await ExecuteAsync(id);

        Assert.Equal((string?)state["id"], response.Headers.GetValues("x-elsa-workflow-instance-id").Single());
        Assert.Equal("False", response.Headers.GetValues("x-elsa-workflow-cannot-start").Single());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Dispatch_FaultingWorkflow_Returns200WithIdAndTheInstanceFaults()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.PublishAsync(InstanceFlows.Faulting(id));

        using var response = await _owner.PostAsync($"/elsa/api/workflow-definitions/{id}/dispatch", ElsaJson.Body(new JsonObject()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var instanceId = (string)(await response.ReadObjectAsync())["workflowInstanceId"]!;
        var status = await Eventually.Until(() => ExecutionStateAsync(instanceId), s => s is not null);
        Assert.Equal(("Finished", "Faulted"), status!.Value);
    }

    [Fact]
    public async Task Dispatch_FinishingWorkflow_RunsEveryActivityToFinished()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.PublishAsync(InstanceFlows.Finishing(id));

        var instanceId = await DispatchAsync(id, new JsonObject());

        Assert.Equal(("Finished", "Finished"), (await Eventually.Until(() => ExecutionStateAsync(instanceId), s => s is not null))!.Value);
        var journal = await _owner.PostJsonAsync($"/elsa/api/workflow-instances/{instanceId}/journal?skip=0&take=100",
            new JsonObject { ["filter"] = new JsonObject { ["eventNames"] = new JsonArray("Completed"), ["excludedActivityTypes"] = new JsonArray("Elsa.Workflow", "Elsa.Flowchart") } });
        var completed = journal["items"]!.AsArray();
        Assert.Equal(["start", "before", "finish"], completed.Select(i => (string?)i!["activityId"]));
        Assert.Equal("Voor", (string?)completed[1]!["payload"]!["text"]);
    }

    [Fact]
    public async Task Dispatch_WaitingWorkflowWithCorrelationId_SuspendsOnItsEventAndGoesOnWhenTriggered()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.PublishAsync(InstanceFlows.Waiting(id, "go-" + id));

        var instanceId = await DispatchAsync(id, new JsonObject { ["correlationId"] = "corr-" + id });

        Assert.Equal(("Running", "Suspended"), (await Eventually.Until(() => ExecutionStateAsync(instanceId), s => s is not null))!.Value);
        var instance = await _owner.GetJsonAsync($"/elsa/api/workflow-instances/{instanceId}");
        Assert.Equal(("corr-" + id, id), ((string?)instance["correlationId"], (string?)instance["definitionId"]));
        Assert.Equal("go-" + id, (string?)Assert.Single(instance["workflowState"]!["bookmarks"]!.AsArray())!["payload"]!["eventName"]);

        await _owner.TriggerAsync("go-" + id, instanceId);

        Assert.Equal(("Finished", "Finished"), await ExecutionStateAsync(instanceId));
    }

    [Fact]
    public async Task Dispatch_UnpublishedDefinition_Returns404Problem()
    {
        using var response = await _owner.PostAsync($"/elsa/api/workflow-definitions/{ElsaJson.NewDefinitionId()}/dispatch", ElsaJson.Body(new JsonObject()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Dispatches the published version; returns the instance id the answer names.</summary>
    private async Task<string> DispatchAsync(string definitionId, JsonObject body)
    {
        using var response = await _owner.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/dispatch", ElsaJson.Body(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.ReadObjectAsync())["workflowInstanceId"]!;
    }

    private async Task<(HttpResponseMessage Response, JsonObject State)> ExecuteAsync(string definitionId)
    {
        var response = await _owner.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/execute", ElsaJson.Body(new JsonObject()));
        var body = await response.Content.ReadAsStringAsync();
        return (response, JsonNode.Parse(body)!["workflowState"]!.AsObject());
    }

    private async Task<(string?, string?)?> ExecutionStateAsync(string instanceId)
    {
        using var response = await _owner.GetAsync($"/elsa/api/workflow-instances/{instanceId}/execution-state");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var state = await response.ReadObjectAsync();
        return ((string?)state["status"], (string?)state["subStatus"]);
    }
}

public sealed class SqliteExecuteWorkflowTests(SqliteServerFixture fixture)
    : ExecuteWorkflowTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgreSqlExecuteWorkflowTests(PostgreSqlServerFixture fixture)
    : ExecuteWorkflowTests(fixture), IClassFixture<PostgreSqlServerFixture>;
