using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Runs its body (typically a flowchart) as one node of the flow; completes when the body has.</summary>
internal sealed class FlowNodeActivity : IContainerBehavior
{
    public const string Type = "Elsa.FlowNode";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Flow", "Container", "Voert 'Body' uit als één stap van de flow.") { EmbeddedPorts = ["Body"] };

    public ContainerStep Start(ActivityContext context) =>
        context.Activity.EmbeddedAt("body") is { } body ? ContainerStep.Run(body) : ContainerStep.Complete();

    public ContainerStep ChildCompleted(ActivityContext context, ActivityModel child, IReadOnlyList<string> outcomes) => ContainerStep.Complete();
}
