using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Instances;

/// <summary>What Studio's instance viewer reads: instance, journal, variables and activity executions, on both providers.</summary>
public abstract partial class InstanceViewerTests(ManualClockServerFixture fixture)
{
    private const string Wait = InstanceFlows.NodePrefix + "wait";
    private const string Before = InstanceFlows.NodePrefix + "before";
    private readonly HttpClient _owner = fixture.Factory.As("procesbeheerder");

    [Fact]
    public async Task Get_SuspendedInstance_ReturnsSummaryAndStateWithEventBookmark()
    {
        var (id, eventName, instanceId) = await StartWaitingAsync();

        var instance = await _owner.GetJsonAsync($"/elsa/api/workflow-instances/{instanceId}");

        Assert.Equal(instanceId, (string?)instance["id"]);
        Assert.Equal(id, (string?)instance["definitionId"]);
        Assert.Equal("Suspended", (string?)instance["subStatus"]);
        var state = instance["workflowState"]!;
        Assert.Equal("Running", (string?)state["status"]);
        var bookmark = Assert.Single(state["bookmarks"]!.AsArray())!;
        Assert.Equal(Wait, (string?)bookmark["activityNodeId"]);
        Assert.Equal(eventName, (string?)bookmark["payload"]!["eventName"]);
        Assert.Empty(state["incidents"]!.AsArray());
    }

    [Fact]
    public async Task ExecutionState_SuspendedInstance_ReturnsStatusSubStatusAndUpdatedAt()
    {
        var (_, _, instanceId) = await StartWaitingAsync();

        var state = await _owner.GetJsonAsync($"/elsa/api/workflow-instances/{instanceId}/execution-state");

        Assert.Equal("Running", (string?)state["status"]);
        Assert.Equal("Suspended", (string?)state["workflowSubStatus"]);
        Assert.Equal("Suspended", (string?)state["subStatus"]);
        Assert.NotNull(state["updatedAt"]);
    }

    [Fact]
    public async Task Variables_DefinedVariable_ReturnsIdNameAndValue()
    {
        var (_, _, instanceId) = await StartWaitingAsync();

        var variables = await _owner.GetJsonAsync($"/elsa/api/workflow-instances/{instanceId}/variables");

        Assert.Equal(1, (int)variables["count"]!);
        var variable = Assert.Single(variables["items"]!.AsArray())!;
        Assert.Equal("var-groet", (string?)variable["id"]);
        Assert.Equal("groet", (string?)variable["name"]);
        Assert.Equal("hallo", (string?)variable["value"]);
    }

    [Fact]
    public async Task Report_SuspendedInstance_CountsPerNodeAndBlocksWaitingNode()
    {
        var (_, _, instanceId) = await StartWaitingAsync();

        var stats = await ReportAsync(instanceId, Before, Wait, InstanceFlows.NodePrefix + "after");

        Assert.Equal(2, stats.Count);
        var before = stats.Single(s => (string?)s!["activityNodeId"] == Before)!;
        Assert.Equal((1, 1, 0, false), Counts(before));
        var wait = stats.Single(s => (string?)s!["activityNodeId"] == Wait)!;
        Assert.Equal((1, 0, 1, true), Counts(wait));
        Assert.Equal("wait", (string?)wait["activityId"]);
        Assert.False((bool)wait["isFaulted"]!);
    }

    [Fact]
    public async Task Report_AfterEventResumed_WaitingNodeCompletedAndNotBlocked()
    {
        var (_, eventName, instanceId) = await StartWaitingAsync();
        await _owner.TriggerAsync(eventName, instanceId);

        var stats = await ReportAsync(instanceId, Wait);

        Assert.Equal((1, 1, 0, false), Counts(Assert.Single(stats)!));
    }

    [Fact]
    public async Task Report_FaultedNode_IsFaulted()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.PublishAsync(InstanceFlows.Faulting(id));
        var instanceId = await _owner.StartAsync(id);

        var stats = await ReportAsync(instanceId, InstanceFlows.NodePrefix + "fault");

        var fault = Assert.Single(stats)!;
        Assert.True((bool)fault["isFaulted"]!);
        Assert.Equal(1, (int)fault["uncompletedCount"]!);
    }

    [Fact]
    public async Task Summaries_WaitingNode_ReturnRunningExecutionWithBookmarks()
    {
        var (_, _, instanceId) = await StartWaitingAsync();

        var summaries = await _owner.GetJsonAsync($"/elsa/api/activity-execution-summaries/list?WorkflowInstanceId={instanceId}&ActivityNodeId={Wait}");

        Assert.Equal(1, (int)summaries["count"]!);
        var summary = Assert.Single(summaries["items"]!.AsArray())!;
        Assert.Equal("Running", (string?)summary["status"]);
        Assert.True((bool)summary["hasBookmarks"]!);
        Assert.Equal("Elsa.Event", (string?)summary["activityType"]);
        Assert.Equal(instanceId, (string?)summary["workflowInstanceId"]);
        Assert.NotNull(summary["startedAt"]);
        Assert.Null(summary["completedAt"]);
    }

    [Fact]
    public async Task Records_ResumedEvent_CompletedWithOutputsFromState()
    {
        var (_, eventName, instanceId) = await StartWaitingAsync();
        await _owner.TriggerAsync(eventName, instanceId, new JsonObject { ["antwoord"] = 42 });

        var records = await _owner.GetJsonAsync($"/elsa/api/activity-executions/list?WorkflowInstanceId={instanceId}&ActivityNodeId={Wait}");

        var record = Assert.Single(records["items"]!.AsArray())!;
        Assert.Equal("Completed", (string?)record["status"]);
        Assert.NotNull(record["completedAt"]);
        Assert.Equal(42, (int)record["outputs"]!["result"]!["antwoord"]!);
        Assert.Equal(0, (int)record["aggregateFaultCount"]!);
        Assert.Equal(0, (int)record["callStackDepth"]!);
        Assert.Null(record["exception"]);
    }

    [Fact]
    public async Task Records_ResumedEvent_ActivityStateHoldsEvaluatedInputs()
    {
        var (_, eventName, instanceId) = await StartWaitingAsync();
        await _owner.TriggerAsync(eventName, instanceId, new JsonObject { ["antwoord"] = 42 });

        var records = await _owner.GetJsonAsync($"/elsa/api/activity-executions/list?WorkflowInstanceId={instanceId}&ActivityNodeId={Wait}");

        var record = Assert.Single(records["items"]!.AsArray())!;
        // Keyed by the descriptor's input name, as Elsa does and as Studio's Activity tab looks it up (case-sensitively;
        // the parsed JsonObject here is not, so the key itself is checked).
        Assert.Equal(eventName, (string?)record["activityState"]!["EventName"]);
        Assert.Equal(["EventName"], record["activityState"]!.AsObject().Select(p => p.Key).ToArray());
        Assert.Null(record["payload"]!["activityState"]);
    }

    [Fact]
    public async Task Journal_CompletedWriteLine_ActivityStateHoldsEvaluatedTextOutsidePayload()
    {
        var (_, _, instanceId) = await StartWaitingAsync();

        var journal = await JournalAsync(instanceId, new JsonObject { ["activityNodeIds"] = new JsonArray(Before), ["eventNames"] = new JsonArray("Completed") });

        var line = Assert.Single(journal["items"]!.AsArray())!;
        Assert.Equal("Voor", (string?)line["activityState"]!["Text"]);
        Assert.Equal(["Text"], line["activityState"]!.AsObject().Select(p => p.Key).ToArray());
        Assert.Null(line["payload"]!["activityState"]);
        Assert.Equal("Voor", (string?)line["payload"]!["text"]);
    }

    [Fact]
    public async Task Records_RootFlowchartNode_ReturnEmptyList()
    {
        var (_, _, instanceId) = await StartWaitingAsync();

        var records = await _owner.GetJsonAsync($"/elsa/api/activity-executions/list?WorkflowInstanceId={instanceId}&ActivityNodeId=Workflow1:flow1");

        Assert.Equal(0, (int)records["count"]!);
    }

    [Fact]
    public async Task ById_ExecutionIdFromSummary_ReturnsFullRecord()
    {
        var (_, _, instanceId) = await StartWaitingAsync();
        var summaries = await _owner.GetJsonAsync($"/elsa/api/activity-execution-summaries/list?WorkflowInstanceId={instanceId}&ActivityNodeId={Before}");
        var executionId = (string)summaries["items"]![0]!["id"]!;

        var record = await _owner.GetJsonAsync($"/elsa/api/activity-executions/by-id?id={executionId}");

        Assert.Equal(executionId, (string?)record["id"]);
        Assert.Equal("Completed", (string?)record["status"]);
        Assert.Equal("Voor", (string?)record["payload"]!["text"]);
        Assert.NotNull(record["activityState"]);
        Assert.NotNull(record["properties"]);
    }

    [Theory]
    [InlineData("GET", "/elsa/api/workflow-instances/{0}")]
    [InlineData("GET", "/elsa/api/workflow-instances/{0}/execution-state")]
    [InlineData("GET", "/elsa/api/workflow-instances/{0}/variables")]
    [InlineData("GET", "/elsa/api/workflow-instances/{0}/journal")]
    [InlineData("POST", "/elsa/api/workflow-instances/{0}/journal?skip=0&take=110")]
    [InlineData("GET", "/elsa/api/activity-execution-summaries/list?WorkflowInstanceId={0}&ActivityNodeId=x")]
    [InlineData("GET", "/elsa/api/activity-executions/list?WorkflowInstanceId={0}&ActivityNodeId=x")]
    [InlineData("GET", "/elsa/api/activity-executions/by-id?id={0}")]
    [InlineData("POST", "/elsa/api/activity-executions/report")]
    [InlineData("POST", "/elsa/api/workflow-instances/{0}/cancel")]
    [InlineData("POST", "/elsa/api/workflow-instances/{0}/retry")]
    [InlineData("DELETE", "/elsa/api/workflow-instances/{0}")]
    public async Task AnyEndpoint_UnknownInstance_Returns404Problem(string method, string template)
    {
        var unknown = "onbekend" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, template, unknown));
        if (method == "POST")
        {
            request.Content = ElsaJson.Body(new JsonObject { ["workflowInstanceId"] = unknown, ["activityNodeIds"] = new JsonArray("x") });
        }

        var response = await _owner.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ActivityExecutionList_WithoutInstanceId_Returns400Problem()
    {
        var response = await _owner.GetAsync("/elsa/api/activity-executions/list?ActivityNodeId=x");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadObjectAsync())["errors"]!["workflowInstanceId"]);
    }

    [Fact]
    public async Task Get_Medewerker_CanReadInstance()
    {
        var (_, _, instanceId) = await StartWaitingAsync();

        var response = await fixture.Factory.As("medewerker").GetAsync($"/elsa/api/workflow-instances/{instanceId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_WithoutApiKey_Returns401()
    {
        var (_, _, instanceId) = await StartWaitingAsync();

        var response = await fixture.Factory.CreateClient(apiKey: null).GetAsync($"/elsa/api/workflow-instances/{instanceId}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<(string Id, string EventName, string InstanceId)> StartWaitingAsync()
    {
        var id = ElsaJson.NewDefinitionId();
        var eventName = "go-" + id;
        await _owner.PublishAsync(InstanceFlows.Waiting(id, eventName));
        return (id, eventName, await _owner.StartAsync(id));
    }

    private Task<JsonObject> JournalAsync(string instanceId, JsonObject filter) =>
        _owner.PostJsonAsync($"/elsa/api/workflow-instances/{instanceId}/journal?skip=0&take=110", new JsonObject { ["filter"] = filter });

    private async Task<JsonArray> ReportAsync(string instanceId, params string[] nodeIds)
    {
        var report = await _owner.PostJsonAsync("/elsa/api/activity-executions/report", new JsonObject
        {
            ["workflowInstanceId"] = instanceId,
            ["activityNodeIds"] = new JsonArray(nodeIds.Select(n => (JsonNode?)n).ToArray()),
        });
        return report["stats"]!.AsArray();
    }

    private static (int Started, int Completed, int Uncompleted, bool Blocked) Counts(JsonNode stat) =>
        ((int)stat["startedCount"]!, (int)stat["completedCount"]!, (int)stat["uncompletedCount"]!, (bool)stat["isBlocked"]!);
}

public sealed class SqliteInstanceViewerTests(SqliteManualClockServerFixture fixture)
    : InstanceViewerTests(fixture), IClassFixture<SqliteManualClockServerFixture>;

public sealed class PostgreSqlInstanceViewerTests(PostgreSqlManualClockServerFixture fixture)
    : InstanceViewerTests(fixture), IClassFixture<PostgreSqlManualClockServerFixture>;
