using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Runs its activities one after the other; completes after the last.</summary>
internal sealed class SequenceActivity : IContainerBehavior
{
    public const string Type = "Elsa.Sequence";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Workflows", "Reeks", "Voert de activiteiten na elkaar uit.") { IsContainer = true, IsBrowsable = false };

    public ContainerStep Start(ActivityContext context) => Next(context, 0);

    public ContainerStep ChildCompleted(ActivityContext context, ActivityModel child, IReadOnlyList<string> outcomes) =>
        Next(context, Index(context.Activity, child) + 1);

    internal static int Index(ActivityModel container, ActivityModel child) => (container.Activities ?? []).IndexOf(child);

    private static ContainerStep Next(ActivityContext context, int index)
    {
        var activities = context.Activity.Activities ?? [];
        return index < activities.Count ? ContainerStep.Run(activities[index]) : ContainerStep.Complete();
    }
}
