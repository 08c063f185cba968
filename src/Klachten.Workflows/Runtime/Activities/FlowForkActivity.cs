using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Starts every listed branch; each branch name is a port.</summary>
internal sealed class FlowForkActivity : IActivityBehavior
{
    public const string Type = "Elsa.FlowFork";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Flow", "Splitsing", "Start meerdere takken tegelijk.")
    {
        Ports = [],
        PortsFromInput = "Branches",
        Inputs = [new("Branches", "String[]", "Takken", "De namen van de takken die tegelijk starten.", "dynamic-outcomes")],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        var branches = context.GetStrings("branches");
        return branches.Count == 0 ? ActivityResult.Done : ActivityResult.Complete(branches);
    }
}
