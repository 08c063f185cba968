namespace Klachten.Workflows.Definitions;

/// <summary>What the server knows of one activity type: enough to validate definitions and describe it to Studio.</summary>
/// <param name="TypeName">Elsa type name, e.g. <c>Elsa.Delay</c>.</param>
/// <param name="Category">Toolbox group.</param>
/// <param name="DisplayName">Toolbox label.</param>
/// <param name="Description">Tooltip text.</param>
/// <param name="Kind">Elsa activity kind.</param>
/// <param name="Ports">Outbound flow ports; empty for terminal activities.</param>
/// <param name="HasDynamicPorts">Whether ports come from inputs (human task outcomes, fork branches).</param>
/// <param name="IsTerminal">Whether the activity has no outbound port.</param>
/// <param name="IsContainer">Whether the activity holds other activities.</param>
/// <param name="Version">Type version.</param>
public sealed record ActivityTypeInfo(
    string TypeName,
    string Category,
    string DisplayName,
    string Description,
    ActivityKind Kind,
    IReadOnlyList<string> Ports,
    bool HasDynamicPorts = false,
    bool IsTerminal = false,
    bool IsContainer = false,
    int Version = 1);
