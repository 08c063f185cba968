using System.Text.Json.Nodes;

namespace Klachten.Workflows.Definitions;

/// <summary>
/// Elsa 3.0 wrote connections flat (<c>"source": "a", "sourcePort": "Done", "target": "b", "targetPort": "In"</c>);
/// later versions nest them (<c>"source": {"activity", "port"}</c>). Elsa still reads both, so we upgrade the old
/// shape on read and write the new one.
/// </summary>
internal static class LegacyConnections
{
    public static void Upgrade(JsonNode? activity)
    {
        if (activity is not JsonObject container)
        {
            return;
        }

        if (container["connections"] is JsonArray connections)
        {
            foreach (var connection in connections.OfType<JsonObject>())
            {
                UpgradeEnd(connection, "source", "sourcePort", "Done");
                UpgradeEnd(connection, "target", "targetPort", "In");
            }
        }

        if (container["activities"] is JsonArray children)
        {
            foreach (var child in children)
            {
                Upgrade(child);
            }
        }
    }

    private static void UpgradeEnd(JsonObject connection, string end, string portKey, string defaultPort)
    {
        if (connection[end] is not JsonValue id || !id.TryGetValue<string>(out var activityId))
        {
            return;
        }

        var port = connection[portKey] is JsonValue p && p.TryGetValue<string>(out var text) ? text : defaultPort;
        connection.Remove(portKey);
        connection[end] = new JsonObject { ["activity"] = activityId, ["port"] = port };
    }
}
