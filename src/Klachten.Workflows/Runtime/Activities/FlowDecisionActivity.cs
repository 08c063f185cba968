using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Follows <c>True</c> or <c>False</c> depending on a condition.</summary>
internal sealed class FlowDecisionActivity : IActivityBehavior
{
    public const string Type = "Elsa.FlowDecision";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Flow", "Beslissing", "Gaat verder via Waar of Onwaar, naar de uitkomst van een voorwaarde.")
    {
        Ports = ["True", "False"],
        Inputs = [new("Condition", "Boolean", "Voorwaarde", "Waar: verder via 'True'; onwaar: via 'False'.", DefaultSyntax: "JavaScript")],
    };

    public ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Complete(context.GetBool("condition") == true ? "True" : "False");
}
