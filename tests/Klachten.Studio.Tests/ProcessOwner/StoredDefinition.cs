using System.Text.Json.Nodes;

namespace Klachten.Studio.Tests.ProcessOwner;

/// <summary>
/// A stored workflow definition flattened to "path = value" lines, so a test can say exactly what a Studio action was
/// allowed to change and fail on anything else (a lost port, connection, input or variable). Activities and variables
/// are keyed by their id, connections by their ends, so a reordered array is not a change.
/// </summary>
internal sealed class StoredDefinition
{
    // Bookkeeping that every save or publish changes by design.
    private static readonly string[] VersionFields = ["id", "version", "isLatest", "isPublished", "createdAt", "publishedAt", "updatedAt", "links"];

    private StoredDefinition(JsonObject json, IReadOnlyDictionary<string, string> lines)
    {
        Json = json;
        Lines = lines;
    }

    public JsonObject Json { get; }

    public IReadOnlyDictionary<string, string> Lines { get; }

    public JsonArray Activities => Json["root"]!["activities"]!.AsArray();

    public JsonArray Connections => Json["root"]!["connections"]!.AsArray();

    public static async Task<StoredDefinition> ReadAsync(StudioServer server, string definitionId, string versionOptions = "Latest")
    {
        var json = await server.GetJsonAsync("procesbeheerder", $"/elsa/api/workflow-definitions/by-definition-id/{Uri.EscapeDataString(definitionId)}?versionOptions={versionOptions}");
        return From(json.AsObject());
    }

    public static StoredDefinition From(JsonObject json)
    {
        var lines = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in json)
        {
            if (!VersionFields.Contains(key, StringComparer.Ordinal))
            {
                Flatten(key, value, lines);
            }
        }

        return new StoredDefinition(json, lines);
    }

    /// <summary>
    /// The differences from <paramref name="before"/> as "path: old → new" lines, leaving out paths that start with one
    /// of <paramref name="allowed"/> (e.g. <c>root.activities[term1]</c> for a newly dropped activity).
    /// </summary>
    public IReadOnlyList<string> ChangesSince(StoredDefinition before, params string[] allowed)
    {
        var changes = new List<string>();
        foreach (var path in before.Lines.Keys.Union(Lines.Keys).Order(StringComparer.Ordinal))
        {
            if (allowed.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal)))
            {
                continue;
            }

            var old = before.Lines.GetValueOrDefault(path);
            var now = Lines.GetValueOrDefault(path);
            if (old != now)
            {
                changes.Add($"{path}: {old ?? "(absent)"} → {now ?? "(absent)"}");
            }
        }

        return changes;
    }

    /// <summary>Fails with the list of unexpected differences, so a lost port or connection is named in the message.</summary>
    public void AssertOnlyChanged(StoredDefinition before, string action, params string[] allowed)
    {
        var changes = ChangesSince(before, allowed);
        Assert.True(changes.Count == 0, $"{action} changed more than it should:\n" + string.Join("\n", changes.Take(40)));
    }

    public JsonObject Activity(string id) =>
        Activities.Single(a => (string?)a!["id"] == id)!.AsObject();

    public static string ConnectionKey(JsonNode connection) =>
        $"{connection["source"]?["activity"]}:{connection["source"]?["port"]}->{connection["target"]?["activity"]}:{connection["target"]?["port"]}";

    private static void Flatten(string path, JsonNode? node, IDictionary<string, string> lines)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj.Count == 0)
                {
                    lines[path] = "{}";
                }

                foreach (var (key, value) in obj)
                {
                    Flatten($"{path}.{key}", value, lines);
                }

                break;
            case JsonArray array:
                if (array.Count == 0)
                {
                    lines[path] = "[]";
                }

                for (var i = 0; i < array.Count; i++)
                {
                    Flatten($"{path}[{KeyOf(path, array[i], i)}]", array[i], lines);
                }

                break;
            default:
                lines[path] = node?.ToJsonString() ?? "null";
                break;
        }
    }

    // Activities, variables and inputs carry an id or name; connections are identified by their two ends.
    private static string KeyOf(string path, JsonNode? item, int index)
    {
        if (item is not JsonObject obj)
        {
            return index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (path.EndsWith(".connections", StringComparison.Ordinal) && obj["source"] is not null)
        {
            return ConnectionKey(obj);
        }

        foreach (var name in new[] { "id", "name" })
        {
            if (obj[name] is JsonValue value && value.TryGetValue<string>(out var text))
            {
                return text;
            }
        }

        return index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
