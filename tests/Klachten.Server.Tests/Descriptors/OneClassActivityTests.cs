using System.Text.Json.Nodes;
using Klachten.Server.Features.Descriptors;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;
using Klachten.Workflows.Runtime;

namespace Klachten.Server.Tests.Descriptors;

/// <summary>
/// Adding an activity is adding one class: <see cref="GreetActivity"/>, found by scanning this assembly, is described
/// to Studio, accepted by validation over its own ports and run by the engine, all from the one catalog.
/// </summary>
public sealed class OneClassActivityTests
{
    private static readonly ActivityCatalog Catalog = ActivityCatalog.Scan(typeof(ActivityCatalog).Assembly, typeof(GreetActivity).Assembly);

    [Fact]
    public void Descriptors_ListTheScannedActivityBesideTheBuiltInOnes()
    {
        var items = ActivityDescriptors.Build(Catalog)["items"]!.AsArray();

        Assert.Equal(ActivityCatalog.Default.Types.Count() + 1, items.Count);
        var greet = items.Single(i => (string)i!["typeName"]! == GreetActivity.Type)!;
        Assert.Equal(("Tests", "Greet", "Tests", "Groeten"), ((string)greet["namespace"]!, (string)greet["name"]!, (string)greet["category"]!, (string)greet["displayName"]!));
        Assert.Equal(["Gegroet", "Niemand"], greet["ports"]!.AsArray().Select(p => (string)p!["name"]!));
        var tone = greet["inputs"]!.AsArray()[1]!;
        Assert.Equal(("Tone", "dropdown", "Warm"), ((string)tone["name"]!, (string)tone["uiHint"]!, (string)tone["defaultValue"]!));
        Assert.Equal(["Warm", "Formal"], tone["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray().Select(o => (string)o!["value"]!));
        Assert.Equal("Greeting", (string)greet["outputs"]!.AsArray().Single()!["name"]!);
    }

    [Fact]
    public void Validation_AcceptsItsPortsAndRefusesOthers_OnlyWhenScanned()
    {
        var definition = Definition("Gegroet");

        Assert.Empty(new DefinitionValidator(Catalog).Validate(definition));
        Assert.Contains(new DefinitionValidator(ActivityCatalog.Default).Validate(definition), e => e.Contains("onbekend type 'Tests.Greet'", StringComparison.Ordinal));
        Assert.Contains(new DefinitionValidator(Catalog).Validate(Definition("Done")), e => e.Contains("geen uitgang 'Done'", StringComparison.Ordinal));
    }

    [Fact]
    public void Engine_RunsIt()
    {
        var engine = new WorkflowEngine(new ExpressionEvaluator(new ExpressionOptions()), TimeProvider.System, activities: Catalog);

        var result = engine.Start(Definition("Gegroet"), "greet-1");

        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        var lines = result.Journal.Where(j => j.Payload?["text"] is not null).Select(j => (string)j.Payload!["text"]!).ToList();
        Assert.Equal(["Goedendag, Ada.", "Na de groet"], lines);
        Assert.False(new WorkflowEngine(new ExpressionEvaluator(new ExpressionOptions()), TimeProvider.System).CanExecute(GreetActivity.Type));
    }

    private static WorkflowDefinitionModel Definition(string port) => DefinitionJson.Parse(new JsonObject
    {
        ["id"] = "greet-v1",
        ["definitionId"] = "greet",
        ["name"] = "Groeten",
        ["version"] = 1,
        ["root"] = new JsonObject
        {
            ["id"] = "flow",
            ["type"] = ActivityTypes.Flowchart,
            ["activities"] = new JsonArray(
                Activity("start", ActivityTypes.Start),
                Activity("greet", GreetActivity.Type, ("person", "Ada"), ("tone", "Formal")),
                Activity("after", ActivityTypes.WriteLine, ("text", "Na de groet"))),
            ["connections"] = new JsonArray(Connection("start", "Done", "greet"), Connection("greet", port, "after")),
        },
    });

    private static JsonObject Activity(string id, string type, params (string Key, string Value)[] inputs)
    {
        var activity = new JsonObject { ["id"] = id, ["nodeId"] = $"flow:{id}", ["type"] = type, ["version"] = 1 };
        foreach (var (key, value) in inputs)
        {
            activity[key] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };
        }

        return activity;
    }

    private static JsonObject Connection(string source, string port, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };
}
