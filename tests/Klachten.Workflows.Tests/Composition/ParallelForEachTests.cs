using System.Text.Json.Nodes;
using Klachten.Workflows.Runtime;
using Microsoft.Extensions.Time.Testing;
using static Klachten.Workflows.Tests.Composition.Composites;

namespace Klachten.Workflows.Tests.Composition;

/// <summary>
/// Elsa's ParallelForEach: the body runs once per item, all at once (FIFO interleaving), each run with its own
/// CurrentValue and CurrentIndex; it completes when every run has. Mirrors elsa-core
/// <c>test/integration/Elsa.Activities.IntegrationTests/ParallelForEachTests.cs</c>.
/// </summary>
public sealed class ParallelForEachTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private WorkflowEngine Engine => Composites.Engine(_clock);

    // Elsa: ParallelForEach_ExecutesBody_ForAllItems, ParallelForEach_ProvidesCurrentIndex_ForEachIteration.
    [Fact]
    public void ParallelForEach_RunsTheBodyPerItem_WithItsOwnValueAndIndex()
    {
        var loop = Each("['a', 'b', 'c']", LineJs("getCurrentValue() + getCurrentIndex()"));

        var result = Engine.Start(Definition(Sequence(loop, Line("na"))), "p1");

        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        Assert.Equal(["a0", "b1", "c2", "na"], Lines(result));
    }

    // Elsa: ParallelForEach_Completes_WhenCollectionEmpty / WhenCollectionNull.
    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    public void ParallelForEach_WithoutItems_CompletesAtOnce(string items)
    {
        var result = Engine.Start(Definition(Sequence(Each(items, LineJs("getCurrentValue()")), Line("na"))), "p2");

        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        Assert.Equal(["na"], Lines(result));
    }

    // Elsa's FIFO scheduler interleaves the runs breadth-first, as it does Fork and Parallel branches.
    [Fact]
    public void ParallelForEach_SequenceBodies_Interleave()
    {
        var body = Sequence(LineJs("getCurrentValue() + '1'"), LineJs("getCurrentValue() + '2'"));

        var result = Engine.Start(Definition(Each("['a', 'b']", body)), "p3");

        Assert.Equal(["a1", "b1", "a2", "b2"], Lines(result));
    }

    // Each run has its own executions: a flowchart body that waits does so once per item, and resumes with its own item.
    [Theory]
    [InlineData("CounterBased")]
    [InlineData("TokenBased")]
    public void ParallelForEach_FlowchartBodiesThatWait_ResumeEachWithItsOwnItem(string mode)
    {
        var body = Flowchart(Activity("Elsa.Event", ("eventName", Literal("Verder"))), LineJs("'klaar ' + getCurrentValue()"));
        var definition = Definition(Flowchart(Each("['a', 'b', 'c']", body), Line("na")));

        var started = Engine.Start(definition, "p4", properties: new Dictionary<string, string> { [WorkflowEngineOptions.ExecutionModeProperty] = mode });
        Assert.Equal(3, started.State.Bookmarks.Count);
        var steps = new List<RunResult> { started };
        foreach (var index in new[] { 1, 0, 2 })
        {
            var state = Stored(steps[^1]);
            steps.Add(Engine.Resume(definition, state, state.Bookmarks.Single(b => b.ExecutionId == started.State.Bookmarks[index].ExecutionId).Id)!);
        }

        Assert.Equal(["klaar b", "klaar a", "klaar c", "na"], Lines([.. steps]));
        Assert.Equal(WorkflowSubStatus.Finished, steps[^1].State.SubStatus);
        Assert.All(steps[^1].Journal, j => Assert.DoesNotContain('|', j.ActivityNodeId));
        Assert.Empty(steps[^1].State.FlowScopes);
        Assert.Empty(steps[^1].State.Tokens);
    }

    // Elsa: the Break signal passes ParallelForEach and stops at the nearest loop (BreakBehavior on ForEach).
    [Fact]
    public void ParallelForEach_BreakInARun_EndsTheEnclosingForEach()
    {
        var body = Sequence(Activity("Elsa.If", ("condition", Js("getCurrentValue() == 2")), ("then", Activity("Elsa.Break"))), LineJs("'binnen ' + getCurrentValue()"));
        var outer = Activity("Elsa.ForEach", ("items", Js("['x', 'y']")), ("body", Sequence(LineJs("'buiten ' + getCurrentValue()"), Each("[1, 2]", body))));

        var result = Engine.Start(Definition(Sequence(outer, Line("na"))), "p6");

        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        Assert.Equal(["buiten x", "binnen 1", "na"], Lines(result));
    }

    // Elsa: ParallelForEach has no Break handler; the Break ends its own run's Sequence and goes on to the enclosing
    // Sequence, which completes once the ParallelForEach has.
    [Fact]
    public void ParallelForEach_BreakInARun_EndsThatRunAndTheEnclosingSequence()
    {
        var body = Sequence(Activity("Elsa.If", ("condition", Js("getCurrentValue() == 'b'")), ("then", Activity("Elsa.Break"))), LineJs("getCurrentValue()"));

        var result = Engine.Start(Definition(Sequence(Each("['a', 'b', 'c']", body), Line("na"))), "p5");

        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        Assert.Equal(["a", "c"], Lines(result));
    }

    private static JsonObject Each(string items, JsonObject body) => Activity("Elsa.ParallelForEach", ("items", Js(items)), ("body", body));
}
