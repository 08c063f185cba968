using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Marks where a flowchart starts.</summary>
internal sealed class StartActivity : IActivityBehavior
{
    public const string Type = "Elsa.Start";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Flow", "Start", "Het beginpunt van de workflow.");

    public ActivityResult Execute(ActivityContext context) => ActivityResult.Done;
}
