using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;
using Klachten.Workflows.Runtime;
using Microsoft.Extensions.Time.Testing;
using static Klachten.Workflows.Tests.Runtime.FlowBuilder;

namespace Klachten.Workflows.Tests.Runtime;

/// <summary>How an instance gets its flowchart mode, and what differs between Elsa's counter-based and token-based modes.</summary>
public sealed class FlowchartModeTests
{
    // State as the engine stored it before the counter-based mode existed (no properties, no flowScopes): the
    // DistantBranch flowchart waiting on its Event, with the token p -> wait still unconsumed.
    private const string TokenEraState = """
        {
          "id": "token-era",
          "definitionId": "distant",
          "definitionVersionId": "distant-v1",
          "definitionVersion": 1,
          "status": "Running",
          "subStatus": "Suspended",
          "input": {},
          "output": {},
          "variables": {},
          "outputs": {},
          "tokens": [
            {
              "scope": "Workflow1:root",
              "from": "p",
              "outcome": "Done",
              "to": "wait",
              "consumed": false,
              "blocked": false
            }
          ],
          "scheduled": [],
          "active": [
            {
              "activityId": "wait",
              "nodeId": "Workflow1:root:wait",
              "executionId": "01a25029e22b790cbf09a1893eafbf3e",
              "status": "Suspended",
              "startedAt": "2026-12-01T09:00:00+00:00"
            }
          ],
          "bookmarks": [
            {
              "id": "01a25029e22c76ada95fea155060ec0a",
              "kind": "Event",
              "activityId": "wait",
              "activityNodeId": "Workflow1:root:wait",
              "activityType": "Elsa.Event",
              "executionId": "01a25029e22b790cbf09a1893eafbf3e",
              "eventName": "Verder"
            }
          ],
          "incidents": [],
          "journalSequence": 12,
          "createdAt": "2026-12-01T09:00:00+00:00",
          "updatedAt": "2026-12-01T09:00:00+00:00"
        }
        """;

    private static readonly Dictionary<string, string> Token = new() { [WorkflowEngineOptions.ExecutionModeProperty] = "TokenBased" };
    private static readonly Dictionary<string, string> Counter = new() { [WorkflowEngineOptions.ExecutionModeProperty] = "CounterBased" };

    private readonly WorkflowEngine _engine = NewEngine();

    [Fact]
    public void Start_NothingSelected_IsCounterBasedAsElsasDefault()
    {
        var result = _engine.Start(DistantBranch(), "i1");

        Assert.Equal("CounterBased", result.State.Properties[WorkflowEngineOptions.ExecutionModeProperty]);
    }

    [Fact]
    public void Start_EngineOptionTokenBased_IsTokenBased()
    {
        var engine = NewEngine(new WorkflowEngineOptions { DefaultFlowchartMode = FlowchartExecutionMode.TokenBased });

        var result = engine.Start(DistantBranch(), "i1");

        Assert.Equal("TokenBased", result.State.Properties[WorkflowEngineOptions.ExecutionModeProperty]);
    }

    [Fact]
    public void Start_DefinitionSelectsTokenBased_RunPropertyStillWins()
    {
        var definition = DistantBranch();
        definition.CustomProperties = new JsonObject { [WorkflowEngineOptions.ExecutionModeProperty] = "TokenBased" };

        var byDefinition = _engine.Start(definition, "i1");
        var byRun = _engine.Start(definition, "i2", properties: Counter);

        Assert.Equal("TokenBased", byDefinition.State.Properties[WorkflowEngineOptions.ExecutionModeProperty]);
        Assert.Equal("CounterBased", byRun.State.Properties[WorkflowEngineOptions.ExecutionModeProperty]);
    }

    // Token mode's Stream join looks one step back only; counter mode waits until every inbound connection was visited.
    [Fact]
    public void Start_ImplicitJoinWithDistantBranch_TokenRunsAtOnceCounterWaits()
    {
        var token = _engine.Start(DistantBranch(), "i1", properties: Token);
        var counter = _engine.Start(DistantBranch(), "i2", properties: Counter);

        Assert.Equal(["P", "Q", "C"], Lines(token));
        Assert.Equal(["P", "Q"], Lines(counter));
        Assert.All([token, counter], r => Assert.Equal(WorkflowSubStatus.Suspended, r.State.SubStatus));
    }

    [Fact]
    public void Resume_CounterStateAfterStorage_KeepsItsCountersAndJoinsOnce()
    {
        var started = _engine.Start(DistantBranch(), "i1", properties: Counter);
        var stored = WorkflowStateJson.Deserialize(WorkflowStateJson.Serialize(started.State));

        var resumed = _engine.Resume(DistantBranch(), stored, Assert.Single(stored.Bookmarks).Id)!;

        Assert.Equal(["D", "C"], Lines(resumed));
        Assert.Equal(WorkflowSubStatus.Finished, resumed.State.SubStatus);
        Assert.Empty(resumed.State.FlowScopes);
    }

    [Fact]
    public void Resume_TokenEraState_ContinuesTokenBased()
    {
        var stored = WorkflowStateJson.Deserialize(TokenEraState);

        var resumed = _engine.Resume(DistantBranch(), stored, Assert.Single(stored.Bookmarks).Id)!;

        // Token mode's Stream join runs C again after D; counter mode (without counters) would wait for ever.
        Assert.Equal(["D", "C"], Lines(resumed));
        Assert.Equal(WorkflowSubStatus.Finished, resumed.State.SubStatus);
        Assert.False(resumed.State.Properties.ContainsKey(WorkflowEngineOptions.ExecutionModeProperty));
        Assert.Empty(resumed.State.FlowScopes);
    }

    // Elsa: test/integration/Elsa.Activities.IntegrationTests/Flow/FlowchartCounterBasedTests.cs
    // WaitAnyJoin_SchedulesOutboundBeforeCancelingBlockedBranch. FIFO: Branch2 starts waiting after the join was
    // scheduled; the join, when it runs, cancels it and its bookmark. Our token mode leaves it waiting (see the
    // compatibility README, item 16).
    [Theory]
    [InlineData("CounterBased", "Finished", 0)]
    [InlineData("TokenBased", "Suspended", 1)]
    public void Start_WaitAnyJoinWithBlockingBranch_ContinuesAndCancelsTheBranch(string mode, string subStatus, int bookmarks)
    {
        var definition = new FlowBuilder()
            .Add("start", "Elsa.WriteLine", ("text", Literal("Start"))).Add("b1", "Elsa.WriteLine", ("text", Literal("Branch1")))
            .Add("b2", "Elsa.Event", ("eventName", Literal("Nooit"))).Add("join", "Elsa.FlowJoin", ("mode", Literal("WaitAny")))
            .Add("after", "Elsa.WriteLine", ("text", Literal("AfterJoin")))
            .Connect("start", "b1").Connect("start", "b2").Connect("b1", "join").Connect("b2", "join").Connect("join", "after").Build();

        var result = _engine.Start(definition, "i1", properties: new Dictionary<string, string> { [WorkflowEngineOptions.ExecutionModeProperty] = mode });

        Assert.Equal(["Start", "Branch1", "AfterJoin"], Lines(result));
        Assert.Equal(subStatus, result.State.SubStatus.ToString());
        Assert.Equal(bookmarks, result.State.Bookmarks.Count);
    }

    // Elsa: test/integration/Elsa.Activities.IntegrationTests/Branching/FlowJoinTests.cs (join modes per execution mode),
    // with an untaken branch: counter mode skips through it (WaitAllActive runs, WaitAll is skipped and so is what
    // follows); token mode maps both to Merge, which waits for ever.
    [Theory]
    [InlineData("CounterBased", "WaitAllActive", "Finished", new[] { "B2", "AfterJoin" })]
    [InlineData("CounterBased", "WaitAll", "Finished", new[] { "B2" })]
    [InlineData("TokenBased", "WaitAllActive", "Suspended", new[] { "B2" })]
    [InlineData("TokenBased", "WaitAll", "Suspended", new[] { "B2" })]
    public void Start_JoinWithUntakenBranch_FollowsTheMode(string mode, string joinMode, string subStatus, string[] lines)
    {
        var definition = new FlowBuilder()
            .Add("start", "Elsa.Start").Add("decision", "Elsa.FlowDecision", ("condition", Js("false")))
            .Add("b1", "Elsa.WriteLine", ("text", Literal("B1"))).Add("b2", "Elsa.WriteLine", ("text", Literal("B2")))
            .Add("join", "Elsa.FlowJoin", ("mode", Literal(joinMode))).Add("after", "Elsa.WriteLine", ("text", Literal("AfterJoin")))
            .Connect("start", "decision").Connect("start", "b2").Connect("decision", "b1", "True")
            .Connect("b1", "join").Connect("b2", "join").Connect("join", "after").Build();

        var result = _engine.Start(definition, "i1", properties: new Dictionary<string, string> { [WorkflowEngineOptions.ExecutionModeProperty] = mode });

        Assert.Equal(lines, Lines(result));
        Assert.Equal(subStatus, result.State.SubStatus.ToString());
    }

    private static WorkflowEngine NewEngine(WorkflowEngineOptions? options = null) =>
        new(new ExpressionEvaluator(new ExpressionOptions()), new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)), options: options);

    // Start -> fork: P -> Event -> D -> C, and Q -> C.
    private static WorkflowDefinitionModel DistantBranch() => new FlowBuilder()
        .Add("start", "Elsa.Start").Add("fork", "Elsa.FlowFork", ("branches", Literal("[\"P\",\"Q\"]")))
        .Add("p", "Elsa.WriteLine", ("text", Literal("P"))).Add("wait", "Elsa.Event", ("eventName", Literal("Verder")))
        .Add("d", "Elsa.WriteLine", ("text", Literal("D"))).Add("q", "Elsa.WriteLine", ("text", Literal("Q"))).Add("c", "Elsa.WriteLine", ("text", Literal("C")))
        .Connect("start", "fork").Connect("fork", "p", "P").Connect("fork", "q", "Q").Connect("p", "wait").Connect("wait", "d").Connect("d", "c").Connect("q", "c")
        .Build("distant");

    private static List<string> Lines(RunResult result) =>
        [.. result.Journal.Where(j => j is { ActivityType: "Elsa.WriteLine", EventName: "Completed" }).Select(j => j.Payload!["text"]!.GetValue<string>())];
}
