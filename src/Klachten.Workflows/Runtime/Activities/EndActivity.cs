using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Ends the current branch of the flowchart (the flowchart does the ending).</summary>
internal sealed class EndActivity : IActivityBehavior
{
    public const string Type = "Elsa.End";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Flow", "Einde tak", "Beëindigt deze tak van de flowchart.") { Ports = [] };

    public ActivityResult Execute(ActivityContext context) => ActivityResult.Done;
}
