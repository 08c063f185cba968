using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Tests.Runtime;

/// <summary>Builds small Elsa-format flowcharts for engine tests.</summary>
internal sealed class FlowBuilder
{
    private readonly JsonArray _activities = [];
    private readonly JsonArray _connections = [];
    private readonly JsonArray _variables = [];

    public FlowBuilder Add(string id, string type, params (string Name, JsonNode? Value)[] inputs)
    {
        var activity = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = 1, ["name"] = id };
        foreach (var (name, value) in inputs)
        {
            activity[name] = value;
        }

        _activities.Add(activity);
        return this;
    }

    public FlowBuilder Connect(string from, string to, string port = "Done")
    {
        _connections.Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = from, ["port"] = port },
            ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" },
        });
        return this;
    }

    public FlowBuilder Variable(string name, string typeName, string value)
    {
        _variables.Add(new JsonObject { ["id"] = name, ["name"] = name, ["typeName"] = typeName, ["value"] = value });
        return this;
    }

    public static JsonObject Literal(string value) => Expression("Literal", value);

    public static JsonObject Js(string value) => Expression("JavaScript", value);

    public WorkflowDefinitionModel Build(string definitionId = "test")
    {
        var json = new JsonObject
        {
            ["id"] = definitionId + "-v1",
            ["definitionId"] = definitionId,
            ["name"] = definitionId,
            ["version"] = 1,
            ["variables"] = _variables.DeepClone(),
            ["root"] = new JsonObject { ["id"] = "root", ["type"] = "Elsa.Flowchart", ["activities"] = _activities.DeepClone(), ["connections"] = _connections.DeepClone() },
        };
        var model = DefinitionJson.Parse(json);
        return DefinitionNormalizer.Normalize(model);
    }

    private static JsonObject Expression(string type, string value) =>
        new() { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = type, ["value"] = value } };
}
