using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>
/// Starts all its branches at once. <c>WaitAll</c> completes when every branch has; <c>WaitAny</c> when the first
/// has, cancelling the others.
/// </summary>
internal sealed class ForkActivity : IContainerBehavior
{
    public const string Type = "Elsa.Fork";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Branching", "Vertakking", "Start takken tegelijk en wacht op alle of op de eerste.")
    {
        IsContainer = true,
        Inputs = [new("JoinMode", "ForkJoinMode", "Wachten op", "Alle takken of de eerste.", "dropdown", [("WaitAny", "De eerste tak"), ("WaitAll", "Alle takken")], DefaultValue: "WaitAny")],
    };

    public ContainerStep Start(ActivityContext context)
    {
        var branches = Branches(context.Activity);
        context.Properties["pending"] = branches.Count;
        return branches.Count == 0 ? ContainerStep.Complete() : ContainerStep.Run(branches);
    }

    public ContainerStep ChildCompleted(ActivityContext context, ActivityModel child, IReadOnlyList<string> outcomes)
    {
        if (!string.Equals(context.GetString("joinMode"), "WaitAll", StringComparison.OrdinalIgnoreCase))
        {
            return ContainerStep.Complete();
        }

        var pending = (context.Properties["pending"]?.GetValue<int>() ?? 1) - 1;
        context.Properties["pending"] = pending;
        return pending <= 0 ? ContainerStep.Complete() : ContainerStep.Wait;
    }

    private static List<ActivityModel> Branches(ActivityModel fork) =>
        [.. fork.Embedded.Where(e => e.Slot.StartsWith("branches/", StringComparison.Ordinal)).Select(e => e.Activity)];
}
