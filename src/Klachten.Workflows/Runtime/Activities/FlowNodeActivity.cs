using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>A node that only passes the flow on (a junction in a flowchart).</summary>
internal sealed class FlowNodeActivity : IActivityBehavior
{
    public const string Type = "Elsa.FlowNode";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Flow", "Knooppunt", "Geeft de stroom door.");

    public ActivityResult Execute(ActivityContext context) => ActivityResult.Done;
}
