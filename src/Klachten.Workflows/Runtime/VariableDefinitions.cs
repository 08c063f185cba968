using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime;

/// <summary>Reads the definition's variables (Elsa: <c>{id, name, typeName, isArray, value}</c>) into typed initial values.</summary>
internal static class VariableDefinitions
{

    public static IEnumerable<(string Name, JsonNode? Value)> InitialValues(WorkflowDefinitionModel definition)
    {
        foreach (var variable in definition.Variables?.OfType<JsonObject>() ?? [])
        {
            var name = variable["name"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            yield return (name, Convert(variable["value"], variable["typeName"]?.GetValue<string>()));
        }
    }

    /// <summary>Converts a value to the variable's declared type, as Elsa does when a variable is set.</summary>
    public static JsonNode? Convert(JsonNode? value, string? typeName)
    {
        if (value is JsonValue numeric && numeric.GetValueKind() == JsonValueKind.Number && typeName is "Int32" or "Int64")
        {
            return JsonValue.Create((long)Math.Round(numeric.GetValue<double>()));
        }

        if (value is not JsonValue jsonValue || jsonValue.GetValueKind() != JsonValueKind.String)
        {
            return value?.DeepClone();
        }

        var text = jsonValue.GetValue<string>();
        if (text.Length == 0 && typeName is not ("String" or null))
        {
            return null;
        }

        return typeName switch
        {
            "Int32" or "Int64" or "Double" or "Decimal" or "Single" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number % 1 == 0 ? JsonValue.Create((long)number) : JsonValue.Create(number),
            "Boolean" when bool.TryParse(text, out var flag) => JsonValue.Create(flag),
            "Object" or "ExpandoObject" or "JsonObject" when text.StartsWith('{') || text.StartsWith('[') => JsonNode.Parse(text),
            _ => JsonValue.Create(text),
        };
    }
}
