using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Starts all its activities at once; completes when every one has completed.</summary>
internal sealed class ParallelActivity : IContainerBehavior
{
    public const string Type = "Elsa.Parallel";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Workflows", "Parallel", "Voert de activiteiten tegelijk uit en gaat verder als alle klaar zijn.") { IsContainer = true, IsBrowsable = false };

    public ContainerStep Start(ActivityContext context)
    {
        var activities = context.Activity.Activities ?? [];
        context.Properties["pending"] = activities.Count;
        return activities.Count == 0 ? ContainerStep.Complete() : ContainerStep.Run(activities);
    }

    public ContainerStep ChildCompleted(ActivityContext context, ActivityModel child, IReadOnlyList<string> outcomes)
    {
        var pending = (context.Properties["pending"]?.GetValue<int>() ?? 1) - 1;
        context.Properties["pending"] = pending;
        return pending <= 0 ? ContainerStep.Complete() : ContainerStep.Wait;
    }
}
