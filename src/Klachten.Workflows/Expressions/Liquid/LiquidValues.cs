using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fluid.Values;

namespace Klachten.Workflows.Expressions.Liquid;

/// <summary>Shows JSON workflow state to Liquid templates as Liquid values, converting a value only when it is read.</summary>
internal static class LiquidValues
{
    public static FluidValue From(JsonNode? node) => node switch
    {
        null => NilValue.Instance,
        JsonObject obj => new DictionaryValue(new JsonIndexable(obj)),
        JsonArray array => new ArrayValue([.. array.Select(From)]),
        JsonValue value => FromValue(value),
        _ => NilValue.Instance,
    };

    public static FluidValue FromDictionary(IDictionary<string, JsonNode?> values) => new DictionaryValue(new JsonIndexable(values));

    public static FluidValue FromText(string? text) => text is null ? NilValue.Instance : StringValue.Create(text);

    private static FluidValue FromValue(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.True:
                return BooleanValue.True;
            case JsonValueKind.False:
                return BooleanValue.False;
            case JsonValueKind.Number:
                var raw = value.ToJsonString();
                // Liquid numbers are decimals; a number beyond their range is shown as written. Dividing by 1.000…
                // drops the scale, so JSON's 1.0 prints as 1, as it would after a round trip through a double.
                return decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? NumberValue.Create(number / 1.000000000000000000000000000000000m)
                    : StringValue.Create(raw);
            case JsonValueKind.String:
                return StringValue.Create(value.TryGetValue<string>(out var text) ? text : value.Deserialize<string>() ?? "");
            default:
                return NilValue.Instance;
        }
    }

    /// <summary>A JSON object or the variables dictionary as a Liquid hash; keys keep the dictionary's own case rules.</summary>
    private sealed class JsonIndexable(IDictionary<string, JsonNode?> values) : IFluidIndexable
    {
        public int Count => values.Count;

        public IEnumerable<string> Keys => values.Keys;

        public bool TryGetValue(string name, out FluidValue value)
        {
            if (values.TryGetValue(name, out var node))
            {
                value = From(node);
                return true;
            }

            value = NilValue.Instance;
            return false;
        }
    }
}
