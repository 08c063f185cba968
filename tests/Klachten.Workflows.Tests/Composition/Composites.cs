using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;
using Klachten.Workflows.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace Klachten.Workflows.Tests.Composition;

/// <summary>Elsa-format activity JSON for composition tests, and an engine to run it.</summary>
internal static class Composites
{
    private static int _next;

    public static JsonObject Activity(string type, params (string Name, JsonNode? Value)[] properties)
    {
        var id = $"{type.Split('.')[^1].ToLowerInvariant()}{Interlocked.Increment(ref _next)}";
        var activity = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = 1 };
        foreach (var (name, value) in properties)
        {
            activity[name] = value;
        }

        return activity;
    }

    public static JsonObject Line(string text) => Activity("Elsa.WriteLine", ("text", Literal(text)));

    public static JsonObject LineJs(string script) => Activity("Elsa.WriteLine", ("text", Js(script)));

    public static JsonObject Sequence(params JsonObject[] activities) => Activity("Elsa.Sequence", ("activities", new JsonArray([.. activities])));

    public static JsonObject SetVariable(string variable, string script, string typeName = "Int32") =>
        Activity("Elsa.SetVariable", ("variable", new JsonObject { ["id"] = variable, ["name"] = variable, ["typeName"] = typeName }), ("value", Js(script)));

    public static JsonObject Delay(string timeSpan = "01:00:00") => Activity("Elsa.Delay", ("timeSpan", Literal(timeSpan)));

    public static JsonObject Literal(string value) => Expression("Literal", value);

    public static JsonObject Js(string value) => Expression("JavaScript", value);

    /// <summary>An output bound to a workflow variable, as Studio stores it.</summary>
    public static JsonObject Bound(string variable) => new() { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = variable } };

    /// <summary>A definition around <paramref name="root"/>; variables named with one capital letter are Int32, others Object.</summary>
    public static WorkflowDefinitionModel Definition(JsonObject root, params (string Name, string Value)[] variables)
    {
        var json = new JsonObject
        {
            ["id"] = "compose-v1",
            ["definitionId"] = "compose",
            ["name"] = "compose",
            ["version"] = 1,
            ["variables"] = new JsonArray([.. variables.Select(v => (JsonNode?)new JsonObject { ["id"] = v.Name, ["name"] = v.Name, ["typeName"] = v.Name.Length == 1 ? "Int32" : "Object", ["value"] = v.Value })]),
            ["root"] = root,
        };
        return DefinitionNormalizer.Normalize(DefinitionJson.Parse(json.ToJsonString()));
    }

    /// <summary>A flowchart root: Start, then <paramref name="chain"/> connected through Done in order.</summary>
    public static JsonObject Flowchart(params JsonObject[] chain)
    {
        var start = Activity("Elsa.Start");
        var all = new[] { start }.Concat(chain).ToList();
        var connections = new JsonArray();
        for (var i = 1; i < all.Count; i++)
        {
            connections.Add(new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = (string)all[i - 1]["id"]!, ["port"] = "Done" },
                ["target"] = new JsonObject { ["activity"] = (string)all[i]["id"]!, ["port"] = "In" },
            });
        }

        return Activity("Elsa.Flowchart", ("activities", new JsonArray([.. all])), ("connections", connections));
    }

    /// <summary>A flowchart connection from one activity's port to another.</summary>
    public static JsonObject Connection(JsonObject from, JsonObject to, string port) => new()
    {
        ["source"] = new JsonObject { ["activity"] = (string)from["id"]!, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = (string)to["id"]!, ["port"] = "In" },
    };

    public static WorkflowEngine Engine(FakeTimeProvider clock) => new(new ExpressionEvaluator(new ExpressionOptions()), clock);

    public static List<string> Lines(params RunResult[] results) =>
        [.. results.SelectMany(r => r.Journal).Where(j => j is { ActivityType: "Elsa.WriteLine", EventName: "Completed" }).Select(j => j.Payload!["text"]!.ToString())];

    /// <summary>The state as the server keeps it between steps: through its JSON.</summary>
    public static WorkflowState Stored(RunResult result) => WorkflowStateJson.Deserialize(WorkflowStateJson.Serialize(result.State));

    private static JsonObject Expression(string type, string value) =>
        new() { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = type, ["value"] = value } };
}
