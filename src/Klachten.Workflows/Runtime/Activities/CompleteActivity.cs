using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Ends the workflow with the given outcomes (a workflow used as an activity leaves through them).</summary>
internal sealed class CompleteActivity : IActivityBehavior
{
    public const string Type = "Elsa.Complete";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Primitives", "Voltooien", "Beëindigt de workflow met de gekozen uitkomsten.")
    {
        Ports = [],
        Inputs = [new("Outcomes", "String[]", "Uitkomsten", "De uitkomsten waarmee de workflow eindigt.", "outcome-picker")],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        var outcomes = context.GetStrings("outcomes");
        return ActivityResult.CompleteWorkflow(outcomes.Count == 0 ? ["Done"] : outcomes);
    }
}
