using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Runs the activity of the first matching case (MatchFirst) or of every match (MatchAny), else <c>default</c>.</summary>
internal sealed class SwitchActivity : IContainerBehavior
{
    public const string Type = "Elsa.Switch";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Branching", "Keuze", "Voert de activiteit uit van het geval waarvan de voorwaarde waar is.")
    {
        EmbeddedPorts = ["Default"],
        Inputs =
        [
            new("Cases", "Object", "Gevallen", "De gevallen met hun voorwaarde en activiteit.", "switch-editor", IsWrapped: false),
            new("Mode", "SwitchMode", "Werkwijze", "Het eerste passende geval of alle.", "dropdown", [("MatchFirst", "Eerste passende"), ("MatchAny", "Alle passende")], DefaultValue: "MatchFirst"),
        ],
    };

    public ContainerStep Start(ActivityContext context)
    {
        var matching = SwitchCases.Matching(context);
        var chosen = matching.Select(i => context.Activity.EmbeddedAt($"cases/{i}/activity")).OfType<ActivityModel>().ToList();
        if (matching.Count == 0 && context.Activity.EmbeddedAt("default") is { } fallback)
        {
            chosen = [fallback];
        }

        context.Properties["pending"] = chosen.Count;
        return chosen.Count == 0 ? ContainerStep.Complete() : ContainerStep.Run(chosen);
    }

    public ContainerStep ChildCompleted(ActivityContext context, ActivityModel child, IReadOnlyList<string> outcomes)
    {
        var pending = (context.Properties["pending"]?.GetValue<int>() ?? 1) - 1;
        context.Properties["pending"] = pending;
        return pending <= 0 ? ContainerStep.Complete() : ContainerStep.Wait;
    }
}
