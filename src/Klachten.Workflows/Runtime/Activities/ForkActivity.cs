using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>
/// Starts all its branches at once. <c>WaitAll</c> (the default) completes when every branch has; <c>WaitAny</c>
/// when the first has, cancelling the others. Hidden from Studio's toolbox, as in Elsa (flowcharts use FlowFork).
/// </summary>
internal sealed class ForkActivity : IContainerBehavior
{
    public const string Type = "Elsa.Fork";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Control Flow", "Vertakking", "Start takken tegelijk en wacht op alle of op de eerste.")
    {
        IsBrowsable = false,
        Inputs = [new("JoinMode", "ForkJoinMode", "Wachten op", "Alle takken of de eerste.", "dropdown", [("WaitAll", "Alle takken"), ("WaitAny", "De eerste tak")], IsWrapped: false, DefaultValue: "WaitAll")],
    };

    public ContainerStep Start(ActivityContext context)
    {
        var branches = Branches(context.Activity);
        context.Properties["pending"] = branches.Count;
        return branches.Count == 0 ? ContainerStep.Complete() : ContainerStep.Run(branches);
    }

    public ContainerStep ChildCompleted(ActivityContext context, ActivityModel child, IReadOnlyList<string> outcomes)
    {
        if (string.Equals(context.GetString("joinMode"), "WaitAny", StringComparison.OrdinalIgnoreCase))
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
