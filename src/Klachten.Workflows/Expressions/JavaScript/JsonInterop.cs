using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;
using JintJsonSerializer = Jint.Native.Json.JsonSerializer;

namespace Klachten.Workflows.Expressions.JavaScript;

/// <summary>
/// Moves values between workflow state (JSON nodes) and scripts. Both directions go through JSON text with the
/// engine's own <c>JSON.parse</c>/<c>JSON.stringify</c>, so a script sees plain JavaScript objects (never CLR
/// wrappers) and a result follows <c>JSON.stringify</c> exactly: a <c>Date</c> becomes its ISO 8601 string,
/// <c>undefined</c> and functions vanish, <c>NaN</c> becomes <c>null</c>, and a cycle is an error.
/// </summary>
internal static class JsonInterop
{
    /// <summary>The nesting limit both ways; it matches Jint's <c>JSON.parse</c> default.</summary>
    private const int MaxDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    public static JsValue ToJsValue(Engine engine, JsonNode? node)
    {
        if (node is null)
            return JsValue.Null;

        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.Null:
                    return JsValue.Null;
                case JsonValueKind.True:
                    return JsBoolean.True;
                case JsonValueKind.False:
                    return JsBoolean.False;
                case JsonValueKind.String when value.TryGetValue<string>(out var text):
                    return new JsString(text);
            }
        }

        return new JsonParser(engine, MaxDepth).Parse(node.ToJsonString());
    }

    public static JsonNode? ToJsonNode(Engine engine, JsValue value)
    {
        if (value.IsUndefined() || value.IsNull())
            return null;
        if (value.IsString())
            return JsonValue.Create(value.AsString());
        if (value.IsBoolean())
            return JsonValue.Create(TypeConverter.ToBoolean(value));

        var json = new JintJsonSerializer(engine).Serialize(value);
        if (!json.IsString())
            return null;

        try
        {
            return JsonNode.Parse(json.AsString(), documentOptions: DocumentOptions);
        }
        catch (JsonException)
        {
            throw new JavaScriptException(engine.Intrinsics.TypeError, $"The value is nested deeper than {MaxDepth} levels.");
        }
    }
}
