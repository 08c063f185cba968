using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Ends the nearest enclosing loop (While, For, ForEach).</summary>
internal sealed class BreakActivity : IActivityBehavior
{
    public const string Type = "Elsa.Break";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Looping", "Stop lus", "Beëindigt de lus waar deze activiteit in staat.") { Ports = [] };

    public ActivityResult Execute(ActivityContext context) => ActivityResult.BreakLoop;
}
