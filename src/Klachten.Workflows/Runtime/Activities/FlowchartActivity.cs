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

    // Never reached: the run starts a flowchart's children itself. Should that change, fault the instance, not the host.
    public ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Fault("Een flowchart wordt door de engine zelf uitgevoerd, niet als activiteit.");
}
