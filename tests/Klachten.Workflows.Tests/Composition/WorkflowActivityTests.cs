using System.Text.Json.Nodes;
using Klachten.Workflows.Runtime;
using Microsoft.Extensions.Time.Testing;
using static Klachten.Workflows.Tests.Composition.Composites;

namespace Klachten.Workflows.Tests.Composition;

/// <summary>
/// A workflow used as an activity, with its root put in as the server does: inputs from the parent, outputs back,
/// outcomes as ports (Elsa's Scenarios/WorkflowDefinitionActivities: parent-with-outcomes, parent-with-input/-output).
/// </summary>
public sealed class WorkflowActivityTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("Karin", "gelukt: Hallo Karin!")]
    [InlineData("", "mislukt")]
    public void Child_GetsItsInput_SetsItsOutput_AndLeavesThroughItsOutcome(string name, string expected)
    {
        var childRoot = Sequence(
            LineJs("'kind: ' + getInput('Message')"),
            Activity("Elsa.SetOutput", ("outputName", Literal("Greeting")), ("outputValue", Js("'Hallo ' + getInput('Message') + '!'"))),
            Activity("Elsa.If", ("condition", Js("getInput('Message') == ''")),
                ("then", Activity("Elsa.Complete", ("outcomes", Literal("[\"Mislukt\"]")))),
                ("else", Activity("Elsa.Complete", ("outcomes", Literal("[\"Gelukt\"]"))))),
            Line("nooit"));
        var child = Activity("Greeter", ("workflowDefinitionId", "greeter"), ("message", Literal(name)), ("greeting", Bound("G")), ("root", childRoot));
        var success = LineJs("'gelukt: ' + getG()");
        var failure = Line("mislukt");
        var start = Activity("Elsa.Start");
        var flowchart = Activity("Elsa.Flowchart", ("activities", new JsonArray(start, child, success, failure)), ("connections", new JsonArray(
            Connection(start, child, "Done"), Connection(child, success, "Gelukt"), Connection(child, failure, "Mislukt"))));

        var result = Engine(_clock).Start(Definition(flowchart, ("G", "")), "wa1", new JsonObject { ["Message"] = "van de ouder" });

        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        Assert.Equal([$"kind: {name}", expected], Lines(result));
        Assert.Empty(result.State.Output);
    }

    [Fact]
    public void Child_ThatWaits_ContinuesInsideItsParent_AfterTheStateWasStored()
    {
        var child = Activity("Waiter", ("workflowDefinitionId", "waiter"), ("root", Sequence(Delay(), Line("kind klaar"))));
        var definition = Definition(Sequence(child, Line("ouder verder")));

        var started = Engine(_clock).Start(definition, "wa2");
        var resumed = Engine(_clock).Resume(definition, Stored(started), Assert.Single(started.State.Bookmarks).Id)!;

        Assert.Equal(["kind klaar", "ouder verder"], Lines(resumed));
        Assert.Equal(WorkflowSubStatus.Finished, resumed.State.SubStatus);
    }

    [Fact]
    public void Child_NotPutIn_FaultsNamingTheDefinition()
    {
        var result = Engine(_clock).Start(Definition(Sequence(Activity("Missing", ("workflowDefinitionId", "ontbreekt")))), "wa3");

        Assert.Equal(WorkflowSubStatus.Faulted, result.State.SubStatus);
        Assert.Contains("'ontbreekt'", Assert.Single(result.State.Incidents).Message, StringComparison.Ordinal);
    }
}
