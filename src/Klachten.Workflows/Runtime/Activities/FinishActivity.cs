using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Ends the workflow: the flowchart completes and every other branch is cancelled (done by the flowchart).</summary>
internal sealed class FinishActivity : IActivityBehavior
{
    public const string Type = "Elsa.Finish";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Flow", "Einde workflow", "Beëindigt de hele workflow.") { Ports = [] };

    public ActivityResult Execute(ActivityContext context) => ActivityResult.Done;
}
