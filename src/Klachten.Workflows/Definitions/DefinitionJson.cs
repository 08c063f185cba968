using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Klachten.Workflows.Definitions;

/// <summary>Reads and writes Elsa 3 workflow definition JSON.</summary>
public static class DefinitionJson
{
    /// <summary>camelCase, string enums, case-insensitive reads (Studio and exports differ), nulls omitted.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Parses a definition; throws <see cref="DefinitionFormatException"/> with a Dutch message on malformed JSON.</summary>
    public static WorkflowDefinitionModel Parse(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new DefinitionFormatException($"De definitie is geen geldige workflowdefinitie (JSON): {ex.Message}");
        }

        return node is null ? throw new DefinitionFormatException("De definitie is leeg.") : Parse(node);
    }

    /// <summary>Parses a definition from a JSON node (e.g. the <c>model</c> of a save request).</summary>
    public static WorkflowDefinitionModel Parse(JsonNode node)
    {
        try
        {
            LegacyConnections.Upgrade(node["root"]);
            return node.Deserialize<WorkflowDefinitionModel>(Options)
                ?? throw new DefinitionFormatException("De definitie is leeg.");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new DefinitionFormatException($"De definitie heeft een ongeldige vorm: {ex.Message}");
        }
    }

    /// <summary>Writes a definition as compact JSON.</summary>
    public static string Serialize(WorkflowDefinitionModel model) => JsonSerializer.Serialize(model, Options);

    /// <summary>Deep copy through JSON, so stored and returned models never share mutable nodes.</summary>
    public static WorkflowDefinitionModel Clone(WorkflowDefinitionModel model) => Parse(Serialize(model));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            MaxDepth = 64,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly();
        return options;
    }
}
