using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Leaves a flowchart node through the label of the first matching case (or of every match), else <c>Default</c>.</summary>
internal sealed class FlowSwitchActivity : IActivityBehavior
{
    public const string Type = "Elsa.FlowSwitch";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Branching", "Keuze (flow)", "Gaat verder via het geval waarvan de voorwaarde waar is, anders via 'Default'.")
    {
        Ports = ["Default"],
        PortsFromInput = "Cases",
        Inputs =
        [
            new("Cases", "Object", "Gevallen", "De gevallen met hun voorwaarde.", "flow-switch-editor", IsWrapped: false),
            new("Mode", "SwitchMode", "Werkwijze", "Het eerste passende geval of alle.", "dropdown", [("MatchFirst", "Eerste passende"), ("MatchAny", "Alle passende")], DefaultValue: "MatchFirst"),
        ],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        var labels = SwitchCases.Matching(context).Select(i => SwitchCases.Label(context, i)).ToList();
        return ActivityResult.Complete(labels.Count == 0 ? ["Default"] : labels);
    }
}
