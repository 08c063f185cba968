namespace Klachten.Workflows.Definitions;

/// <summary>
/// Everything known of one activity type besides its behaviour: enough to validate definitions and describe it to
/// Studio. Each activity class declares its own (<see cref="Runtime.IActivityBehavior.Descriptor"/>); the catalog
/// finds them by scanning assemblies.
/// </summary>
/// <param name="TypeName">Elsa type name, e.g. <c>Elsa.Delay</c>.</param>
/// <param name="Category">Toolbox group.</param>
/// <param name="DisplayName">Dutch toolbox label.</param>
/// <param name="Description">Dutch tooltip text.</param>
/// <param name="Kind">Elsa activity kind.</param>
public sealed record ActivityTypeInfo(string TypeName, string Category, string DisplayName, string Description, ActivityKind Kind = ActivityKind.Action)
{
    /// <summary>Fixed outbound flow ports; empty for terminal activities and for dynamic ports.</summary>
    public IReadOnlyList<string> Ports { get; init; } = ["Done"];

    /// <summary>The list input whose items are the outbound ports (task outcomes, fork branches); null for fixed ports.</summary>
    public string? PortsFromInput { get; init; }

    /// <summary>The ports when <see cref="PortsFromInput"/> lists none (as the runtime then completes).</summary>
    public IReadOnlyList<string> PortsWhenEmpty { get; init; } = [];

    /// <summary>Whether ports come from an input (human task outcomes, fork branches).</summary>
    public bool HasDynamicPorts => PortsFromInput is not null;

    /// <summary>Whether the activity has no outbound port (it ends its branch or the workflow).</summary>
    public bool IsTerminal => Ports.Count == 0 && !HasDynamicPorts;

    /// <summary>Whether the activity holds other activities (the engine runs those itself).</summary>
    public bool IsContainer { get; init; }

    /// <summary>Whether Studio's toolbox offers it (Elsa hides Sequence, Parallel and Fork there).</summary>
    public bool IsBrowsable { get; init; } = true;

    /// <summary>Ports that hold one child activity each (Elsa's embedded ports: If's Then/Else, a loop's Body).</summary>
    public IReadOnlyList<string> EmbeddedPorts { get; init; } = [];

    /// <summary>Inputs in Studio's order.</summary>
    public IReadOnlyList<ActivityInputInfo> Inputs { get; init; } = [];

    /// <summary>Outputs in Studio's order.</summary>
    public IReadOnlyList<ActivityOutputInfo> Outputs { get; init; } = [];

    /// <summary>Type version.</summary>
    public int Version { get; init; } = 1;
}
