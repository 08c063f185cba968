using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Klachten.Workflows.Definitions;

/// <summary>
/// A JSON object whose unmodelled properties survive a round trip in <see cref="Extra"/>. System.Text.Json writes
/// invalid JSON for a <c>JsonObject</c> extension-data property (dotnet/runtime#60806), so the wire goes through a
/// dictionary of elements and <see cref="Extra"/> is filled from it after reading and read from it before writing.
/// </summary>
public abstract class ElsaJsonObject : IJsonOnDeserialized, IJsonOnSerializing, IJsonOnSerialized
{
    /// <summary>Properties not modelled here (inputs, <c>$schema</c>, …), preserved on round trip.</summary>
    [JsonIgnore]
    public JsonObject? Extra { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }

    void IJsonOnDeserialized.OnDeserialized()
    {
        if (ExtensionData is { Count: > 0 })
        {
            Extra = new JsonObject(ExtensionData.Select(p => KeyValuePair.Create(p.Key, JsonSerializer.SerializeToNode(p.Value))));
        }

        ExtensionData = null;
        AfterRead();
    }

    void IJsonOnSerializing.OnSerializing()
    {
        BeforeWrite();
        ExtensionData = Extra?.ToDictionary(p => p.Key, p => p.Value is null ? JsonSerializer.SerializeToElement<object?>(null) : JsonSerializer.SerializeToElement(p.Value));
    }

    void IJsonOnSerialized.OnSerialized() => ExtensionData = null;

    /// <summary>After <see cref="Extra"/> was filled from the JSON read.</summary>
    private protected virtual void AfterRead()
    {
    }

    /// <summary>Before <see cref="Extra"/> is written.</summary>
    private protected virtual void BeforeWrite()
    {
    }
}
