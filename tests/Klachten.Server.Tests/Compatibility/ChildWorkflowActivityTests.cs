using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;
using Klachten.Testing;
using static Klachten.Server.Tests.Compatibility.CompositionJson;

namespace Klachten.Server.Tests.Compatibility;

/// <summary>
/// Elsa's ExecuteWorkflow and DispatchWorkflow through <c>/elsa/api</c>: definitions saved and published as Studio does,
/// the parent run with <c>execute</c>, the child found in the instance API. Each test names the Elsa test it mirrors.
/// </summary>
public abstract class ChildWorkflowActivityTests(ServerFixture fixture)
{
    private readonly HttpClient _owner = fixture.Factory.As("procesbeheerder");

    // Elsa: test/integration/.../Activities/ExecuteWorkflow/ExecuteWorkflowTests.cs ExecuteWorkflowWithWaitForCompletion and
    // ExecuteWorkflowCapturesOutput (parent-with-wait.json, parent-capture-output.json, child-with-output.json).
    [Fact]
    public async Task Execute_WaitingForAChildThatFinishes_CapturesItsOutputInTheSameRun()
    {
        var child = await PublishAsync(Flowchart(Line("c1", "Child output: 42"), SetOutput("c2", "Result", "42")));

        var parent = await RunAsync(Sequence(
            Line("p1", "Parent: Before child"),
            Execute("exec", child, wait: true, result: "ChildResult"),
            LineJs("p2", "`Parent received: ${getChildResult().output.Result}`")), variables: ["ChildResult"]);

        Assert.Equal("Finished", (string?)parent["subStatus"]);
        Assert.Equal(["Parent: Before child", "Parent received: 42"], await fixture.Factory.LinesAsync((string)parent["id"]!));
        var childInstance = Assert.Single(await fixture.Factory.InstancesOfAsync(child));
        Assert.Equal(["Child output: 42"], await fixture.Factory.LinesAsync(childInstance.Id));
        Assert.Equal("Finished", childInstance.SubStatus);
    }

    // Elsa: ExecuteWorkflowTests.ExecuteWorkflowWithoutWaitForCompletion (parent-no-wait.json), here with a child that
    // stays waiting on an Event, and ExecuteWorkflowSetsParentInstanceId.
    [Fact]
    public async Task Execute_WithoutWaiting_ParentFinishes_WhileTheChildWaits_AndTheChildNamesItsParent()
    {
        var child = await PublishAsync(Flowchart(Line("c1", "Child: Executing"), Event("c2", "NooitGebeurd")));

        var parent = await RunAsync(Sequence(
            Line("p1", "Parent: Before child"),
            Execute("exec", child, wait: false, result: "ChildResult"),
            Line("p2", "Parent: After child"),
            SetOutput("p3", "Child", "getChildResult().workflowInstanceId + ' ' + getChildResult().subStatus")), variables: ["ChildResult"]);

        Assert.Equal("Finished", (string?)parent["subStatus"]);
        Assert.Equal(["Parent: Before child", "Parent: After child"], await fixture.Factory.LinesAsync((string)parent["id"]!));
        var childInstance = Assert.Single(await fixture.Factory.InstancesOfAsync(child));
        Assert.Equal($"{childInstance.Id} Suspended", (string?)parent["output"]!["Child"]);
        var detail = await GetInstanceAsync(childInstance.Id);
        Assert.Equal(("Running", "Suspended"), ((string?)detail["status"], (string?)detail["subStatus"]));
        Assert.Equal((string?)parent["id"], (string?)detail["parentWorkflowInstanceId"]);
        Assert.Equal((string?)parent["id"], (string?)detail["workflowState"]!["properties"]!["ParentInstanceId"]);
        Assert.Equal((string?)parent["id"], (string?)detail["workflowState"]!["input"]!["ParentInstanceId"]);
    }

    // Elsa: src/.../Handlers/ResumeExecuteWorkflowActivity.cs (a waiting parent resumes with the child's output when the
    // child finishes later) and ExecuteWorkflowTests.ExecuteWorkflowSetsCorrelationId / ExecuteWorkflowPassesInput.
    [Fact]
    public async Task Execute_WaitingForAChildThatWaits_ResumesWhenTheChildFinishes()
    {
        var correlationId = "zaak-" + Guid.NewGuid().ToString("N")[..8];
        var child = await PublishAsync(Flowchart(LineJs("c1", "'Child received: ' + getInput('Message')"), Event("c2", "Akkoord"), SetOutput("c3", "Result", "'akkoord'")));

        var parent = await RunAsync(Sequence(
            Execute("exec", child, wait: true, result: "ChildResult", correlationId: correlationId, input: "({ Message: 'Hello from parent' })"),
            LineJs("p1", "'Parent received: ' + getChildResult().Result")), variables: ["ChildResult"]);

        Assert.Equal("Suspended", (string?)parent["subStatus"]);
        var childInstance = Assert.Single(await fixture.Factory.InstancesOfAsync(child));
        Assert.Equal(correlationId, childInstance.CorrelationId);
        Assert.Equal(["Child received: Hello from parent"], await fixture.Factory.LinesAsync(childInstance.Id));

        using var trigger = await _owner.PostAsync("/elsa/api/events/Akkoord/trigger", ElsaJson.Body(new JsonObject { ["correlationId"] = correlationId }));
        Assert.Equal(HttpStatusCode.OK, trigger.StatusCode);

        // The child's last step resumed the parent in its own transaction: both are final when the trigger answers.
        Assert.Equal("Finished", (string?)(await GetInstanceAsync((string)parent["id"]!))["subStatus"]);
        Assert.Equal(["Parent received: akkoord"], await fixture.Factory.LinesAsync((string)parent["id"]!));
        Assert.Empty(await fixture.Factory.BookmarksOfAsync((string)parent["id"]!));
    }

    // Elsa: test/component/.../Composition/DispatchWorkflows/DispatchWorkflowsTests.cs DispatchWithInput_ShouldSendInputToChildWorkflow,
    // DispatchWithCorrelationId_ShouldUseCorrelationId and DispatchFireAndForget_ShouldNotWaitForChildWorkflow.
    [Fact]
    public async Task Dispatch_WithoutWaiting_ParentFinishes_ThenTheChildRunsWithItsInputAndCorrelationId()
    {
        var correlationId = "zaak-" + Guid.NewGuid().ToString("N")[..8];
        var child = await PublishAsync(Flowchart(LineJs("c1", "'Received: ' + getInput('Message')")));

        var parent = await RunAsync(Sequence(
            Dispatch("disp", child, wait: false, correlationId: correlationId, input: "({ Message: 'Hello from parent!' })"),
            Line("p1", "Parent completed")));

        Assert.Equal("Finished", (string?)parent["subStatus"]);
        Assert.Equal(["Parent completed"], await fixture.Factory.LinesAsync((string)parent["id"]!));
        var childInstance = await Eventually.Until(async () => (await fixture.Factory.InstancesOfAsync(child)).SingleOrDefault(), c => c is { SubStatus: "Finished" });
        Assert.Equal(correlationId, childInstance!.CorrelationId);
        Assert.Equal(["Received: Hello from parent!"], await fixture.Factory.LinesAsync(childInstance.Id));
        Assert.Equal((string?)parent["id"], (string?)(await GetInstanceAsync(childInstance.Id))["parentWorkflowInstanceId"]);
    }

    // Elsa: DispatchWorkflowsTests.DispatchAndWaitWorkflow_ShouldWaitForChildWorkflowToComplete (the parent's Result is the child's output).
    [Fact]
    public async Task Dispatch_Waiting_ParentSuspends_AndFinishesWithTheChildsOutput()
    {
        var child = await PublishAsync(Flowchart(Line("c1", "Child"), SetOutput("c2", "Answer", "'ja'")));

        var parent = await RunAsync(Sequence(
            Dispatch("disp", child, wait: true, result: "ChildResult"),
            LineJs("p1", "'Parent received: ' + getChildResult().Answer")), variables: ["ChildResult"]);

        Assert.Equal("Suspended", (string?)parent["subStatus"]);
        var parentId = (string)parent["id"]!;
        await Eventually.Until(async () => (string?)(await GetInstanceAsync(parentId))["subStatus"] == "Finished");
        Assert.Equal(["Parent received: ja"], await fixture.Factory.LinesAsync(parentId));
        Assert.Single(await fixture.Factory.InstancesOfAsync(child));
    }

    // Elsa: DispatchWorkflowsTests.DispatchWithInvalidWorkflowDefinitionId_ShouldThrow (the parent faults).
    [Theory]
    [InlineData("Elsa.DispatchWorkflow")]
    [InlineData("Elsa.ExecuteWorkflow")]
    public async Task ChildActivity_OfAWorkflowWithoutPublishedVersion_FaultsTheParent(string type)
    {
        var parent = await RunAsync(Sequence(ChildActivity(type, "start", "bestaat-niet-" + Guid.NewGuid().ToString("N")[..6], wait: false)));

        Assert.Equal("Faulted", (string?)parent["subStatus"]);
        Assert.Contains("heeft geen gepubliceerde versie", (string?)parent["incidents"]![0]!["message"], StringComparison.Ordinal);
    }

    // Elsa: src/modules/Elsa.Workflows.Runtime/Services/WorkflowCancellationService.cs CancelChildWorkflowInstances (no test
    // of its own there): cancelling a parent cancels its running children, a grandchild included.
    [Fact]
    public async Task Cancel_Parent_CancelsItsRunningChildren()
    {
        var grandchild = await PublishAsync(Flowchart(Event("g1", "NooitGebeurd")));
        var child = await PublishAsync(Sequence(Dispatch("d1", grandchild, wait: false), Event("c1", "NooitGebeurd")));
        var parent = await RunAsync(Sequence(Execute("exec", child, wait: true)));
        var parentId = (string)parent["id"]!;
        Assert.Equal("Suspended", (string?)parent["subStatus"]);
        await Eventually.Until(async () => (await fixture.Factory.InstancesOfAsync(grandchild)).Count == 1);

        using var cancelled = await _owner.PostAsync($"/elsa/api/workflow-instances/{parentId}/cancel", ElsaJson.Body(new JsonObject()));

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("Cancelled", (string?)(await GetInstanceAsync(parentId))["subStatus"]);
        Assert.Equal("Cancelled", Assert.Single(await fixture.Factory.InstancesOfAsync(child)).SubStatus);
        Assert.Equal("Cancelled", Assert.Single(await fixture.Factory.InstancesOfAsync(grandchild)).SubStatus);
    }

    private async Task<string> PublishAsync(JsonObject root, params string[] variables)
    {
        var id = ElsaJson.NewDefinitionId();
        using var saved = await _owner.SaveAsync(Definition(id, root, variables), publish: true);
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        return id;
    }

    private async Task<JsonNode> RunAsync(JsonObject root, params string[] variables)
    {
        var id = await PublishAsync(root, variables);
        using var response = await _owner.PostAsync($"/elsa/api/workflow-definitions/{id}/execute", ElsaJson.Body(new JsonObject()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadObjectAsync())["workflowState"]!;
    }

    private async Task<JsonNode> GetInstanceAsync(string id)
    {
        using var response = await _owner.GetAsync($"/elsa/api/workflow-instances/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadObjectAsync();
    }
}

public sealed class SqliteChildWorkflowActivityTests(SqliteServerFixture fixture)
    : ChildWorkflowActivityTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgreSqlChildWorkflowActivityTests(PostgreSqlServerFixture fixture)
    : ChildWorkflowActivityTests(fixture), IClassFixture<PostgreSqlServerFixture>;
