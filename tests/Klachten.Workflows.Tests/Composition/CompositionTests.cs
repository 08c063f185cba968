using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Runtime;
using Microsoft.Extensions.Time.Testing;
using static Klachten.Workflows.Tests.Composition.Composites;

namespace Klachten.Workflows.Tests.Composition;

/// <summary>Elsa 3's composite activities run as Elsa runs them: Sequence, If, While, For, ForEach, Break, Parallel, Fork, Complete.</summary>
public sealed class CompositionTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private WorkflowEngine Engine => Composites.Engine(_clock);

    [Fact]
    public void SequenceRoot_RunsItsActivitiesInOrder_AndFinishes()
    {
        var result = Engine.Start(Definition(Sequence(Line("A"), Line("B"), Line("C"))), "s1");

        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        Assert.Equal(["A", "B", "C"], Lines(result));
    }

    [Theory]
    [InlineData("true", "ja")]
    [InlineData("false", "nee")]
    public void If_InASequenceInAFlowchart_RunsOneBranch_ThenTheFlowGoesOn(string condition, string expected)
    {
        var @if = Activity("Elsa.If", ("condition", Js(condition)), ("then", Line("ja")), ("else", Line("nee")));

        var result = Engine.Start(Definition(Flowchart(Sequence(Line("voor"), @if), Line("na"))), "if1");

        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        Assert.Equal(["voor", expected, "na"], Lines(result));
    }

    [Fact]
    public void If_WithoutTheChosenBranch_JustCompletes()
    {
        var result = Engine.Start(Definition(Sequence(Activity("Elsa.If", ("condition", Js("false")), ("then", Line("ja"))), Line("na"))), "if2");

        Assert.Equal(["na"], Lines(result));
    }

    [Fact]
    public void While_ChecksTheConditionBeforeEachRound()
    {
        var loop = Activity("Elsa.While", ("condition", Js("getI() < 3")), ("body", Sequence(LineJs("'ronde ' + getI()"), SetVariable("I", "getI() + 1"))));

        var result = Engine.Start(Definition(Sequence(loop, Line("klaar")), ("I", "0")), "w1");

        Assert.Equal(["ronde 0", "ronde 1", "ronde 2", "klaar"], Lines(result));
        Assert.Equal("3", result.State.Variables["I"]!.ToJsonString());
    }

    [Fact]
    public void Break_EndsTheNearestLoop_AndTheSequenceAroundItGoesOn()
    {
        var stop = Activity("Elsa.If", ("condition", Js("getI() == 2")), ("then", Activity("Elsa.Break")));
        var loop = Activity("Elsa.While", ("condition", Js("true")), ("body", Sequence(SetVariable("I", "getI() + 1"), stop, LineJs("'ronde ' + getI()"))));

        var result = Engine.Start(Definition(Sequence(loop, Line("na de lus")), ("I", "0")), "b1");

        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        Assert.Equal(["ronde 1", "na de lus"], Lines(result));
    }

    [Fact]
    public void ForEach_RunsTheBodyPerItem_WithTheCurrentValueInTheBoundVariable()
    {
        var loop = Activity("Elsa.ForEach", ("items", Js("['a', 'b', 'c']")), ("currentValue", Bound("Item")), ("body", LineJs("'item ' + getItem()")));

        var result = Engine.Start(Definition(Sequence(loop), ("Item", "")), "fe1");

        Assert.Equal(["item a", "item b", "item c"], Lines(result));
    }

    [Theory]
    [InlineData(true, new[] { "1", "2", "3" })]
    [InlineData(false, new[] { "1", "2" })]
    public void For_CountsFromStartToEnd(bool inclusive, string[] expected)
    {
        var loop = Activity("Elsa.For", ("start", Literal("1")), ("end", Literal("3")), ("step", Literal("1")),
            ("outerBoundInclusive", Literal(inclusive ? "true" : "false")), ("currentValue", Bound("N")), ("body", LineJs("'' + getN()")));

        var result = Engine.Start(Definition(Sequence(loop), ("N", "0")), "for1");

        Assert.Equal(expected, Lines(result));
    }

    [Fact]
    public void Loop_WaitingInItsBody_ContinuesAfterTheStateWasStoredAndRead()
    {
        var loop = Activity("Elsa.While", ("condition", Js("getI() < 2")),
            ("body", Sequence(Delay(), SetVariable("I", "getI() + 1"), LineJs("'na wachten ' + getI()"))));
        var definition = Definition(Sequence(loop, Line("klaar")), ("I", "0"));

        var first = Engine.Start(definition, "w2");
        _clock.Advance(TimeSpan.FromHours(1));
        var second = Engine.Resume(definition, Stored(first), Assert.Single(first.State.Bookmarks).Id)!;
        _clock.Advance(TimeSpan.FromHours(1));
        var third = Engine.Resume(definition, Stored(second), Assert.Single(second.State.Bookmarks).Id)!;

        Assert.Equal(WorkflowSubStatus.Suspended, first.State.SubStatus);
        Assert.Equal(["na wachten 1"], Lines(second));
        Assert.Equal(["na wachten 2", "klaar"], Lines(third));
        Assert.Equal(WorkflowSubStatus.Finished, third.State.SubStatus);
        Assert.Empty(third.State.Active);
    }

    [Fact]
    public void Parallel_CompletesOnceEveryActivityHas()
    {
        var parallel = Activity("Elsa.Parallel", ("activities", new JsonArray(Sequence(Delay("01:00:00"), Line("kort")), Sequence(Delay("02:00:00"), Line("lang")))));
        var definition = Definition(Sequence(parallel, Line("samen klaar")));

        var started = Engine.Start(definition, "p1");
        Assert.Equal(2, started.State.Bookmarks.Count);
        var shortOne = started.State.Bookmarks.MinBy(b => b.DueAt)!;
        var afterShort = Engine.Resume(definition, Stored(started), shortOne.Id)!;
        var afterLong = Engine.Resume(definition, Stored(afterShort), Assert.Single(afterShort.State.Bookmarks).Id)!;

        Assert.Equal(["kort"], Lines(afterShort));
        Assert.Equal(WorkflowSubStatus.Suspended, afterShort.State.SubStatus);
        Assert.Equal(["lang", "samen klaar"], Lines(afterLong));
        Assert.Equal(WorkflowSubStatus.Finished, afterLong.State.SubStatus);
    }

    [Fact]
    public void ForkWaitAny_CompletesWithTheFirstBranch_AndCancelsTheOthers()
    {
        // The Delay starts first (branches run in order), then the line completes the fork.
        var fork = Activity("Elsa.Fork", ("joinMode", "WaitAny"), ("branches", new JsonArray(Delay(), Line("eerst"))));

        var result = Engine.Start(Definition(Sequence(fork, Line("verder"))), "f1");

        Assert.Equal(["eerst", "verder"], Lines(result));
        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        Assert.Empty(result.State.Bookmarks);
        Assert.Contains(result.Journal, j => j is { ActivityType: "Elsa.Delay", EventName: "Canceled" });
    }

    [Fact]
    public void ForkWaitAll_WaitsForEveryBranch()
    {
        var fork = Activity("Elsa.Fork", ("joinMode", "WaitAll"), ("branches", new JsonArray(Sequence(Delay(), Line("later")), Line("eerst"))));
        var definition = Definition(Sequence(fork, Line("verder")));

        var started = Engine.Start(definition, "f2");
        var resumed = Engine.Resume(definition, Stored(started), Assert.Single(started.State.Bookmarks).Id)!;

        Assert.Equal(["eerst"], Lines(started));
        Assert.Equal(["later", "verder"], Lines(resumed));
    }

    [Fact]
    public void Complete_EndsTheWorkflowWithItsOutcomes()
    {
        var complete = Activity("Elsa.Complete", ("outcomes", Literal("[\"Goedgekeurd\"]")));

        var result = Engine.Start(Definition(Sequence(Line("A"), complete, Line("nooit"))), "c1");

        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        Assert.Equal(["A"], Lines(result));
        var completed = Assert.Single(result.Journal, j => j is { ActivityType: "Elsa.Complete", EventName: "Completed" });
        Assert.Equal(["Goedgekeurd"], completed.Payload!["outcomes"]!.AsArray().Select(o => o!.ToString()));
    }

    [Fact]
    public void EmbeddedActivities_SurviveARoundTrip_WithTheNodeIdsTheNormalizerGave()
    {
        var @if = Activity("Elsa.If", ("condition", Js("true")), ("then", Sequence(Line("diep"))));
        var definition = Definition(Flowchart(@if));

        var again = DefinitionJson.Parse(DefinitionJson.Serialize(definition));

        var nested = again.Root!.DescendantsAndSelf().Single(a => a.Type == "Elsa.WriteLine");
        Assert.StartsWith(again.Root.NodeId + ":", nested.NodeId, StringComparison.Ordinal);
        Assert.Equal(5, again.Root.DescendantsAndSelf().Count());
        Assert.Equal(["diep"], Lines(Engine.Start(again, "rt1")));
    }
}
