using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Klachten.Workflows.Runtime;

/// <summary>Stores and loads <see cref="WorkflowState"/> as JSON (camelCase, enums as strings).</summary>
public static class WorkflowStateJson
{
    /// <summary>The serializer options for state, journal payloads and effects.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Writes state.</summary>
    public static string Serialize(WorkflowState state) => JsonSerializer.Serialize(state, Options);

    /// <summary>Reads state.</summary>
    public static WorkflowState Deserialize(string json) =>
        JsonSerializer.Deserialize<WorkflowState>(json, Options) ?? throw new JsonException("Empty workflow state.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly();
        return options;
    }
}
