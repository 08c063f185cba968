using System.Text.Json;
using System.Text.Json.Nodes;
using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Definitions;

/// <summary>
/// List-valued inputs (<c>String[]</c>: outcomes, branches, recipients, …) in the form Elsa Studio's list editors
/// (<c>dynamic-outcomes</c>, <c>multitext</c>) read and write: an <c>Object</c> expression whose value is a JSON array
/// as text. Studio shows an empty list for any other form and replaces it on the first edit, which dropped a task's
/// outcomes and with them its connections; so older definitions that hold a <c>Literal</c> list are rewritten on
/// every read and save. Computed lists (JavaScript, Liquid, …) are left alone.
/// </summary>
public static class ListInputs
{
    /// <summary>Whether an input holds a list of strings that Studio edits as one.</summary>
    public static bool IsList(ActivityInputInfo input) =>
        input.IsWrapped && input.TypeName.EndsWith("[]", StringComparison.Ordinal);

    /// <summary>The activity JSON key of an input (its camelCase name).</summary>
    public static string Key(ActivityInputInfo input) => JsonNamingPolicy.CamelCase.ConvertName(input.Name);

    /// <summary>Rewrites every literal list input of the activity to the Object form, in place.</summary>
    public static void ToStudioForm(ActivityModel activity, ActivityCatalog? catalog = null)
    {
        if (activity.Type is null || activity.Extra is null)
        {
            return;
        }

        foreach (var input in (catalog ?? ActivityCatalog.Default).InputsOf(activity.Type).Where(IsList))
        {
            if (activity.Extra[Key(input)] is JsonObject { } wrapped
                && wrapped["expression"] is JsonObject expression
                && SyntaxOf(expression) is null or ExpressionSyntax.Literal
                && Items(expression["value"]) is { } items)
            {
                expression["type"] = ExpressionSyntax.Object;
                expression["value"] = JsonSerializer.Serialize(items);
            }
        }
    }

    /// <summary>
    /// The items of a list input when they are written down (Literal or Object), else null: an input that is
    /// computed at run time, absent, or not a readable list.
    /// </summary>
    public static IReadOnlyList<string>? StaticItems(JsonNode? input)
    {
        if (input is not JsonObject { } wrapped || wrapped["expression"] is not JsonObject expression)
        {
            return input is null ? [] : Items(input);
        }

        return SyntaxOf(expression) is null or ExpressionSyntax.Literal or ExpressionSyntax.Object or ExpressionSyntax.Json
            ? Items(expression["value"])
            : null;
    }

    /// <summary>
    /// The outbound ports an activity with dynamic ports has as written down: a task's outcomes (<c>Done</c> when it
    /// has none, as at run time) or a fork's branches (<see cref="ActivityTypeInfo.PortsFromInput"/>). Null for other
    /// types and for computed lists.
    /// </summary>
    public static IReadOnlyList<string>? DynamicPorts(ActivityModel activity, ActivityCatalog? catalog = null)
    {
        if (activity.Type is null || !(catalog ?? ActivityCatalog.Default).TryGet(activity.Type, out var type) || type.PortsFromInput is not { } input)
        {
            return null;
        }

        var raw = activity.GetInput(JsonNamingPolicy.CamelCase.ConvertName(input));
        if (raw is JsonArray cases && cases.All(c => c is JsonObject))
        {
            // FlowSwitch: one port per case label, plus its fixed ports (Default).
            return [.. cases.Select(c => c!["label"]?.ToString() ?? string.Empty).Where(l => l.Length > 0).Concat(type.Ports).Distinct(StringComparer.Ordinal)];
        }

        // Fixed ports come along (FlowSendHttpRequest's Timeout); task outcomes and fork branches have none.
        var items = StaticItems(raw);
        return items is { Count: 0 } ? type.PortsWhenEmpty : items is null ? null : [.. items.Concat(type.Ports).Distinct(StringComparer.Ordinal)];
    }

    private static string? SyntaxOf(JsonObject expression) =>
        (expression["type"] as JsonValue)?.TryGetValue<string>(out var type) == true ? type : null;

    // The same reading as the runtime's ActivityContext.GetStrings: a JSON array, or comma-separated text.
    private static List<string>? Items(JsonNode? value)
    {
        switch (value)
        {
            case null:
                return [];
            case JsonArray array:
                return FromArray(array);
            case JsonValue text when text.TryGetValue<string>(out var s):
                s = s.Trim();
                if (s.Length == 0)
                {
                    return [];
                }

                if (s.StartsWith('{'))
                {
                    return null;
                }

                if (!s.StartsWith('['))
                {
                    return [.. s.Split(',').Select(part => part.Trim()).Where(part => part.Length > 0)];
                }

                try
                {
                    return JsonNode.Parse(s) is JsonArray parsed ? FromArray(parsed) : null;
                }
                catch (JsonException)
                {
                    return null;
                }

            default:
                return null;
        }
    }

    private static List<string>? FromArray(JsonArray array)
    {
        var items = new List<string>(array.Count);
        foreach (var item in array)
        {
            switch (item)
            {
                case JsonValue v when v.TryGetValue<string>(out var s):
                    items.Add(s);
                    break;
                case JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    items.Add(v.ToJsonString());
                    break;
                case null:
                    break;
                default:
                    return null;
            }
        }

        return items;
    }
}
