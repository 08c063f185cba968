using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Klachten.Server.Tests.Support;

/// <summary>Builds definitions the way Studio posts them and reads Elsa's responses.</summary>
internal static class ElsaJson
{
    public static string NewDefinitionId() => "t-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A small valid flowchart: Start → WriteLine → Finish, with designer metadata and an unknown key.</summary>
    public static JsonObject Definition(string definitionId, string name = "Testworkflow", string writeLineType = "Elsa.WriteLine") => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = name,
        ["description"] = "Een test",
        ["toolVersion"] = "3.8.0",
        ["variables"] = new JsonArray(),
        ["options"] = new JsonObject { ["usableAsActivity"] = false },
        ["somethingUnknown"] = new JsonObject { ["kept"] = true },
        ["root"] = new JsonObject
        {
            ["id"] = "flow1",
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["name"] = "Flowchart1",
            ["activities"] = new JsonArray
            {
                Activity("start", "Elsa.Start"),
                Activity("write", writeLineType, new JsonObject
                {
                    ["text"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "Hallo" } },
                }),
                Activity("finish", "Elsa.Finish"),
            },
            ["connections"] = new JsonArray { Connection("start", "Done", "write"), Connection("write", "Done", "finish") },
        },
    };

    public static JsonObject Activity(string id, string type, JsonObject? inputs = null)
    {
        var activity = new JsonObject
        {
            ["id"] = id,
            ["type"] = type,
            ["version"] = 1,
            ["name"] = id,
            ["customProperties"] = new JsonObject(),
            ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 10, ["y"] = 20 } } },
        };
        foreach (var (key, value) in inputs ?? [])
        {
            activity[key] = value?.DeepClone();
        }

        return activity;
    }

    public static JsonObject Connection(string source, string port, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
        ["vertices"] = new JsonArray(),
    };

    public static JsonObject SaveRequest(JsonObject model, bool? publish = false) => new() { ["model"] = model, ["publish"] = publish };

    public static Task<HttpResponseMessage> SaveAsync(this HttpClient client, JsonObject model, bool? publish = false) =>
        client.PostAsync("/elsa/api/workflow-definitions", Body(SaveRequest(model, publish)));

    public static Task<HttpResponseMessage> PublishAsync(this HttpClient client, string definitionId) =>
        client.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/publish", Body(new JsonObject()));

    public static Task<HttpResponseMessage> RetractAsync(this HttpClient client, string definitionId) =>
        client.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/retract", Body(new JsonObject()));

    public static async Task<JsonArray> VersionsAsync(this HttpClient client, string definitionId)
    {
        var list = await client.GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-definitions?versionOptions=AllVersions&DefinitionIds={definitionId}&OrderBy=Version&OrderDirection=Ascending");
        return list!["items"]!.AsArray();
    }

    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    public static StringContent Body(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");
}
