using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Compatibility;

/// <summary>Definitions for the ExecuteWorkflow, DispatchWorkflow and PublishEvent tests, in the JSON Studio stores, and what they left in the database.</summary>
internal static class CompositionJson
{
    public static JsonObject Definition(string id, JsonObject root, params string[] variables) => new()
    {
        ["definitionId"] = id,
        ["name"] = "Samenstelling " + id,
        ["version"] = 1,
        ["variables"] = new JsonArray([.. variables.Select(v => (JsonNode?)new JsonObject { ["id"] = v, ["name"] = v, ["typeName"] = "Object" })]),
        ["root"] = root,
    };

    public static JsonObject Sequence(params JsonObject[] activities) =>
        new() { ["id"] = "root", ["type"] = "Elsa.Sequence", ["version"] = 1, ["activities"] = new JsonArray([.. activities]) };

    /// <summary>A flowchart running <paramref name="chain"/> in order through Done.</summary>
    public static JsonObject Flowchart(params JsonObject[] chain)
    {
        var connections = new JsonArray();
        for (var i = 1; i < chain.Length; i++)
        {
            connections.Add(ElsaJson.Connection((string)chain[i - 1]["id"]!, "Done", (string)chain[i]["id"]!));
        }

        return new JsonObject { ["id"] = "root", ["type"] = "Elsa.Flowchart", ["version"] = 1, ["activities"] = new JsonArray([.. chain]), ["connections"] = connections };
    }

    public static JsonObject Line(string id, string text) => Node(id, "Elsa.WriteLine", ("text", Value("String", "Literal", text)));

    public static JsonObject LineJs(string id, string script) => Node(id, "Elsa.WriteLine", ("text", Value("String", "JavaScript", script)));

    public static JsonObject SetOutput(string id, string name, string script) =>
        Node(id, "Elsa.SetOutput", ("outputName", Value("String", "Literal", name)), ("outputValue", Value("Object", "JavaScript", script)));

    public static JsonObject Event(string id, string name, bool canStartWorkflow = false, string? result = null)
    {
        var node = Node(id, "Elsa.Event", ("eventName", Value("String", "Literal", name)));
        node["customProperties"] = new JsonObject { ["canStartWorkflow"] = canStartWorkflow };
        if (result is not null)
        {
            node["result"] = Bound(result);
        }

        return node;
    }

    public static JsonObject Execute(string id, string definitionId, bool wait, string? result = null, string? correlationId = null, string? input = null) =>
        ChildActivity("Elsa.ExecuteWorkflow", id, definitionId, wait, result, correlationId, input);

    public static JsonObject Dispatch(string id, string definitionId, bool wait, string? result = null, string? correlationId = null, string? input = null) =>
        ChildActivity("Elsa.DispatchWorkflow", id, definitionId, wait, result, correlationId, input);

    public static JsonObject ChildActivity(string type, string id, string definitionId, bool wait, string? result = null, string? correlationId = null, string? input = null)
    {
        var node = Node(id, type, ("workflowDefinitionId", Value("String", "Literal", definitionId)), ("waitForCompletion", Value("Boolean", "Literal", wait ? "true" : "false")));
        if (result is not null)
        {
            node["result"] = Bound(result);
        }

        if (correlationId is not null)
        {
            node["correlationId"] = Value("String", "Literal", correlationId);
        }

        if (input is not null)
        {
            node["input"] = Value("ObjectDictionary", "JavaScript", input);
        }

        return node;
    }

    public static JsonObject PublishEvent(string id, string name, string? correlationId = null, bool local = false, string? payload = null)
    {
        var node = Node(id, "Elsa.PublishEvent", ("eventName", Value("String", "Literal", name)), ("isLocalEvent", Value("Boolean", "Literal", local ? "true" : "false")));
        if (correlationId is not null)
        {
            node["correlationId"] = Value("String", "Literal", correlationId);
        }

        if (payload is not null)
        {
            node["payload"] = Value("Object", "JavaScript", payload);
        }

        return node;
    }

    public static async Task<string[]> LinesAsync(this KlachtenFactory factory, string instanceId)
    {
        using var scope = factory.Services.CreateScope();
        var payloads = await scope.ServiceProvider.GetRequiredService<KlachtenDbContext>().JournalEntries.AsNoTracking()
            .Where(j => j.InstanceId == instanceId && j.EventName == "Completed" && j.ActivityType == "Elsa.WriteLine")
            .OrderBy(j => j.Sequence).Select(j => j.PayloadJson).ToListAsync();
        return [.. payloads.Select(p => p is null ? string.Empty : (string?)JsonNode.Parse(p)!["text"] ?? string.Empty)];
    }

    public static async Task<List<WorkflowInstanceEntity>> InstancesOfAsync(this KlachtenFactory factory, string definitionId)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<KlachtenDbContext>().WorkflowInstances.AsNoTracking()
            .Where(i => i.DefinitionId == definitionId).OrderBy(i => i.CreatedAt).ToListAsync();
    }

    public static async Task<List<string>> BookmarksOfAsync(this KlachtenFactory factory, string instanceId)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<KlachtenDbContext>().Bookmarks.AsNoTracking()
            .Where(b => b.InstanceId == instanceId).Select(b => b.Id).ToListAsync();
    }

    private static JsonObject Bound(string variable) => new() { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = variable } };

    private static JsonObject Value(string typeName, string syntax, string value) =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = syntax, ["value"] = value } };

    private static JsonObject Node(string id, string type, params (string Name, JsonNode Value)[] properties)
    {
        var node = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = 1, ["name"] = id };
        foreach (var (name, value) in properties)
        {
            node[name] = value;
        }

        return node;
    }
}
