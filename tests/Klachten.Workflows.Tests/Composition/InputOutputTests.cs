using System.Text.Json.Nodes;
using Klachten.Workflows.Runtime;
using Microsoft.Extensions.Time.Testing;
using static Klachten.Workflows.Tests.Composition.Composites;

namespace Klachten.Workflows.Tests.Composition;

/// <summary>Workflow input, SetOutput and SetName (Elsa.Activities.IntegrationTests SetOutputTests and SetNameTests).</summary>
public sealed class InputOutputTests
{
    private readonly WorkflowEngine _engine = Engine(new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void SetOutput_WritesTheWorkflowOutput_FromTheInput()
    {
        var root = Sequence(
            Activity("Elsa.SetOutput", ("outputName", Literal("FirstName")), ("outputValue", Js("getInput('voornaam')"))),
            Activity("Elsa.SetOutput", ("outputName", Literal("LastName")), ("outputValue", Literal("Doe"))),
            Activity("Elsa.SetOutput", ("outputName", Literal("Age")), ("outputValue", Js("30"))));

        var result = _engine.Start(Definition(root), "io1", new JsonObject { ["voornaam"] = "John" });

        Assert.Equal("""{"FirstName":"John","LastName":"Doe","Age":30}""", result.State.Output.ToJsonString());
    }

    [Fact]
    public void SetName_NamesTheInstance_AndTheNameIsKeptWithTheState()
    {
        var result = _engine.Start(Definition(Sequence(Activity("Elsa.SetName", ("value", Js("'Klacht ' + getInput('nummer')"))))), "io2",
            new JsonObject { ["nummer"] = 42 });

        Assert.Equal("Klacht 42", Stored(result).Name);
    }
}
