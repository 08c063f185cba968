using System.Text.Json;
using System.Text.Json.Nodes;

namespace Klachten.Workflows.Tests.Support;

/// <summary>Compares JSON by meaning: property order is ignored, and so are null-valued properties (the serializer omits them).</summary>
internal static class JsonComparison
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void AssertSemanticallyEqual(JsonNode? expected, JsonNode? actual)
    {
        var left = WithoutNullProperties(expected);
        var right = WithoutNullProperties(actual);
        Assert.True(
            JsonNode.DeepEquals(left, right),
            $"JSON differs.{Environment.NewLine}Expected:{Environment.NewLine}{Canonical(left)}{Environment.NewLine}Actual:{Environment.NewLine}{Canonical(right)}");
    }

    /// <summary>A deep copy without properties whose value is JSON null.</summary>
    public static JsonNode? WithoutNullProperties(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .Where(p => p.Value is not null)
            .Select(p => KeyValuePair.Create(p.Key, WithoutNullProperties(p.Value)))),
        JsonArray array => new JsonArray(array.Select(WithoutNullProperties).ToArray()),
        _ => node?.DeepClone(),
    };

    /// <summary>Sorted keys and indentation, so a failure message shows a readable difference.</summary>
    private static string Canonical(JsonNode? node) => Sorted(node)?.ToJsonString(Indented) ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}
