using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>
/// The flowchart container. Its children, tokens and completion are the engine's own work (<see cref="WorkflowRun"/>),
/// so this class only declares the type.
/// </summary>
internal sealed class FlowchartActivity : IActivityBehavior
{
    public const string Type = "Elsa.Flowchart";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Flow", "Flowchart", "Activiteiten verbonden door pijlen.") { IsContainer = true };

    public ActivityResult Execute(ActivityContext context) =>
        throw new InvalidOperationException("A flowchart is run by the engine, not as a behaviour.");
}
