using System.Text.Json;
using System.Text.Json.Nodes;

namespace Klachten.Workflows.Definitions;

/// <summary>
/// A child activity stored in a property of its container (Elsa's embedded ports), found by its shape: an object
/// with a string <c>type</c> and <c>id</c>, directly in a property, as an item of an array, or as the
/// <c>activity</c> of an array item (switch cases). Input values (<c>{typeName, expression}</c>) never match.
/// </summary>
/// <param name="Slot">Where it sits: <c>then</c>, <c>branches/1</c>, <c>cases/0/activity</c>.</param>
/// <param name="Activity">The child.</param>
public sealed record EmbeddedActivity(string Slot, ActivityModel Activity)
{
    internal static IReadOnlyList<EmbeddedActivity> Read(JsonObject? extra)
    {
        if (extra is null)
        {
            return [];
        }

        var found = new List<EmbeddedActivity>();
        foreach (var (name, value) in extra)
        {
            if (IsActivity(value))
            {
                found.Add(new(name, Parse(value!)));
            }
            else if (value is JsonArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    if (IsActivity(items[i]))
                    {
                        found.Add(new($"{name}/{i}", Parse(items[i]!)));
                    }
                    else if (items[i] is JsonObject item && IsActivity(item["activity"]))
                    {
                        found.Add(new($"{name}/{i}/activity", Parse(item["activity"]!)));
                    }
                }
            }
        }

        return found;
    }

    internal static void Write(JsonObject? extra, IReadOnlyList<EmbeddedActivity> embedded)
    {
        foreach (var (slot, activity) in embedded)
        {
            var node = JsonSerializer.SerializeToNode(activity, DefinitionJson.Options);
            var parts = slot.Split('/');
            switch (parts.Length)
            {
                case 1:
                    extra![parts[0]] = node;
                    break;
                case 2:
                    extra![parts[0]]!.AsArray()[int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)] = node;
                    break;
                default:
                    extra![parts[0]]!.AsArray()[int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)]![parts[2]] = node;
                    break;
            }
        }
    }

    private static bool IsActivity(JsonNode? node) =>
        node is JsonObject o && o["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String
        && o["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String;

    private static ActivityModel Parse(JsonNode node) =>
        node.Deserialize<ActivityModel>(DefinitionJson.Options) ?? throw new JsonException("An embedded activity is empty.");
}
