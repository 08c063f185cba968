using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Instances;

/// <summary>Small definitions and calls that start instances through the Elsa API.</summary>
internal static class InstanceFlows
{
    public const string NodePrefix = "Workflow1:flow1:";

    /// <summary>Start → before (WriteLine) → wait (Elsa.Event) → after (WriteLine) → finish; variable <c>groet</c> = "hallo".</summary>
    public static JsonObject Waiting(string definitionId, string eventName) => Flow(
        definitionId,
        [
            ElsaJson.Activity("start", "Elsa.Start"),
            ElsaJson.Activity("before", "Elsa.WriteLine", new JsonObject { ["text"] = Literal("Voor") }),
            ElsaJson.Activity("wait", "Elsa.Event", new JsonObject { ["eventName"] = Literal(eventName) }),
            ElsaJson.Activity("after", "Elsa.WriteLine", new JsonObject { ["text"] = Literal("Na") }),
            ElsaJson.Activity("finish", "Elsa.Finish"),
        ],
        ["start", "before", "wait", "after", "finish"]);

    /// <summary>Start → before (WriteLine) → finish.</summary>
    public static JsonObject Finishing(string definitionId) => Flow(
        definitionId,
        [
            ElsaJson.Activity("start", "Elsa.Start"),
            ElsaJson.Activity("before", "Elsa.WriteLine", new JsonObject { ["text"] = Literal("Voor") }),
            ElsaJson.Activity("finish", "Elsa.Finish"),
        ],
        ["start", "before", "finish"]);

    /// <summary>Start → letter (Klachten.SendLetter to the complainant) → finish.</summary>
    public static JsonObject SendingLetter(string definitionId) => Flow(
        definitionId,
        [
            ElsaJson.Activity("start", "Elsa.Start"),
            ElsaJson.Activity("letter", "Klachten.SendLetter", new JsonObject
            {
                ["letterKind"] = Literal("Ontvangstbevestiging"),
                ["recipients"] = new JsonObject { ["typeName"] = "String[]", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "[\"klager\"]" } },
            }),
            ElsaJson.Activity("finish", "Elsa.Finish"),
        ],
        ["start", "letter", "finish"]);

    /// <summary>Start → fault (Elsa.Fault always faults; it has no outgoing port).</summary>
    public static JsonObject Faulting(string definitionId) => Flow(
        definitionId,
        [
            ElsaJson.Activity("start", "Elsa.Start"),
            ElsaJson.Activity("fault", "Elsa.Fault", new JsonObject { ["message"] = Literal("Bewust kapot") }),
        ],
        ["start", "fault"]);

    /// <summary>Start → set (a script that throws until the engine clock reaches <paramref name="notBefore"/>) → finish.</summary>
    public static JsonObject FaultsUntil(string definitionId, DateTimeOffset notBefore)
    {
        var script = $"if (Date.now() < {notBefore.ToUnixTimeMilliseconds()}) throw new Error('nog te vroeg'); return 'klaar';";
        return Flow(
            definitionId,
            [
                ElsaJson.Activity("start", "Elsa.Start"),
                ElsaJson.Activity("set", "Elsa.SetVariable", new JsonObject
                {
                    ["variable"] = new JsonObject { ["id"] = "var-groet", ["name"] = "groet", ["typeName"] = "String" },
                    ["value"] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = script } },
                }),
                ElsaJson.Activity("finish", "Elsa.Finish"),
            ],
            ["start", "set", "finish"]);
    }

    public static async Task PublishAsync(this HttpClient client, JsonObject definition)
    {
        var response = await client.SaveAsync(definition, publish: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Runs the published version until it finishes, waits or faults; returns the instance id.</summary>
    public static async Task<string> StartAsync(this HttpClient client, string definitionId, string? correlationId = null)
    {
        var response = await client.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/execute",
            ElsaJson.Body(new JsonObject { ["correlationId"] = correlationId }));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"execute answered {response.StatusCode}");
        return (string)(await response.ReadObjectAsync())["workflowState"]!["id"]!;
    }

    public static async Task TriggerAsync(this HttpClient client, string eventName, string instanceId, JsonObject? payload = null)
    {
        var response = await client.PostAsync($"/elsa/api/events/{eventName}/trigger",
            ElsaJson.Body(new JsonObject { ["workflowInstanceId"] = instanceId, ["payload"] = payload }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)(await response.ReadObjectAsync())["resumedCount"]!);
    }

    public static async Task<JsonObject> PostJsonAsync(this HttpClient client, string path, JsonObject body)
    {
        var response = await client.PostAsync(path, ElsaJson.Body(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadObjectAsync();
    }

    public static async Task<JsonObject> GetJsonAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadObjectAsync();
    }

    public static JsonObject Literal(string value) =>
        new() { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };

    private static JsonObject Flow(string definitionId, JsonObject[] activities, string[] chain)
    {
        var definition = ElsaJson.Definition(definitionId, $"Instanties {definitionId}");
        definition["variables"] = new JsonArray(new JsonObject { ["id"] = "var-groet", ["name"] = "groet", ["typeName"] = "String", ["value"] = "hallo" });
        var root = definition["root"]!.AsObject();
        root["activities"] = new JsonArray(activities.Select(a => (JsonNode)a).ToArray());
        root["connections"] = new JsonArray(chain.Zip(chain.Skip(1), (from, to) => (JsonNode)ElsaJson.Connection(from, "Done", to)).ToArray());
        return definition;
    }
}
