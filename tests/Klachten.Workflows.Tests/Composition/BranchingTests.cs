using System.Text.Json.Nodes;
using Klachten.Workflows.Runtime;
using Microsoft.Extensions.Time.Testing;
using static Klachten.Workflows.Tests.Composition.Composites;

namespace Klachten.Workflows.Tests.Composition;

/// <summary>Switch, FlowSwitch, FlowNode and Break without a loop, as Elsa 3.8 runs them.</summary>
public sealed class BranchingTests
{
    private readonly WorkflowEngine _engine = Engine(new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData("MatchFirst", 5, new[] { "groot" })]
    [InlineData("MatchAny", 5, new[] { "groot", "oneven" })]
    [InlineData("MatchFirst", 2, new[] { "anders" })]
    public void Switch_RunsTheMatchingCases_OrTheDefault(string mode, int value, string[] expected)
    {
        var @switch = Activity("Elsa.Switch",
            ("mode", Literal(mode)),
            ("cases", new JsonArray(Case("Groot", "getN() > 3", Line("groot")), Case("Oneven", "getN() % 2 == 1", Line("oneven")))),
            ("default", Line("anders")));

        var result = _engine.Start(Definition(Sequence(@switch, Line("na")), ("N", value.ToString(System.Globalization.CultureInfo.InvariantCulture))), "sw1");

        Assert.Equal([.. expected, "na"], Lines(result));
    }

    [Theory]
    [InlineData(5, "groot")]
    [InlineData(1, "standaard")]
    public void FlowSwitch_LeavesThroughTheLabelOfTheMatch_OrDefault(int value, string expected)
    {
        var start = Activity("Elsa.Start");
        var flowSwitch = Activity("Elsa.FlowSwitch", ("cases", new JsonArray(new JsonObject { ["label"] = "Groot", ["condition"] = Expr("getN() > 3") })));
        var big = Line("groot");
        var other = Line("standaard");
        var flowchart = Activity("Elsa.Flowchart", ("activities", new JsonArray(start, flowSwitch, big, other)),
            ("connections", new JsonArray(Connection(start, flowSwitch, "Done"), Connection(flowSwitch, big, "Groot"), Connection(flowSwitch, other, "Default"))));

        var result = _engine.Start(Definition(flowchart, ("N", value.ToString(System.Globalization.CultureInfo.InvariantCulture))), "fs1");

        Assert.Equal([expected], Lines(result));
    }

    [Fact]
    public void FlowNode_RunsItsBody_ThenTheFlowGoesOn()
    {
        var node = Activity("Elsa.FlowNode", ("body", Flowchart(Line("binnen"))));

        var result = _engine.Start(Definition(Flowchart(node, Line("buiten"))), "fn1");

        Assert.Equal(["binnen", "buiten"], Lines(result));
    }

    [Fact]
    public void Break_WithoutALoop_EndsEveryEnclosingSequence()
    {
        var result = _engine.Start(Definition(Sequence(Line("A"), Sequence(Line("B"), Activity("Elsa.Break"), Line("C")), Line("D"))), "br1");

        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        Assert.Equal(["A", "B"], Lines(result));
    }

    [Fact]
    public void Break_InANestedLoop_EndsOnlyTheInnerLoop()
    {
        var inner = Activity("Elsa.ForEach", ("items", Js("[1, 2, 3]")), ("body", Sequence(LineJs("'binnen ' + getCurrentValue()"), Activity("Elsa.Break"))));
        var outer = Activity("Elsa.ForEach", ("items", Js("['x', 'y']")), ("currentValue", Bound("Buiten")), ("body", Sequence(LineJs("'buiten ' + getBuiten()"), inner)));

        var result = _engine.Start(Definition(Sequence(outer), ("Buiten", "")), "br2");

        Assert.Equal(["buiten x", "binnen 1", "buiten y", "binnen 1"], Lines(result));
    }

    [Fact]
    public void Fork_WithoutJoinMode_WaitsForAllBranches()
    {
        var fork = Activity("Elsa.Fork", ("branches", new JsonArray(Delay(), Line("eerst"))));
        var definition = Definition(Sequence(fork, Line("verder")));

        var started = _engine.Start(definition, "fk1");

        Assert.Equal(["eerst"], Lines(started));
        Assert.Equal(WorkflowSubStatus.Suspended, started.State.SubStatus);
    }

    private static JsonObject Case(string label, string condition, JsonObject activity) =>
        new() { ["label"] = label, ["condition"] = Expr(condition), ["activity"] = activity };

    private static JsonObject Expr(string script) => new() { ["type"] = "JavaScript", ["value"] = script };
}
