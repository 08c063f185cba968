using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime;

/// <summary>
/// A composite activity that runs child activities of its own (Sequence, If, loops, Parallel, Fork, Switch). The
/// engine keeps it active while children run, hands it each child's completion, and persists
/// <see cref="ActivityContext.Properties"/> between calls (its position). When it completes, whatever still runs
/// inside it is cancelled (a Fork that waits for any branch, a Break).
/// </summary>
public interface IContainerBehavior : IActivityBehavior
{
    /// <summary>Whether a <c>Break</c> inside it ends it (While, For, ForEach).</summary>
    bool IsLoop => false;

    /// <summary>The container starts: what to run first, or its completion.</summary>
    ContainerStep Start(ActivityContext context);

    /// <summary>One of its direct children completed with <paramref name="outcomes"/>.</summary>
    ContainerStep ChildCompleted(ActivityContext context, ActivityModel child, IReadOnlyList<string> outcomes);

    /// <summary>One of the container's own bookmarks (<see cref="ContainerStep.Suspend"/>) was resumed.</summary>
    ContainerStep Resumed(ActivityContext context, Bookmark bookmark, System.Text.Json.Nodes.JsonObject? input) => ContainerStep.Complete();

    ActivityResult IActivityBehavior.Execute(ActivityContext context) =>
        ActivityResult.Fault("Een samengestelde activiteit wordt door de engine zelf uitgevoerd.");
}

/// <summary>What a container does next.</summary>
public sealed record ContainerStep
{
    private ContainerStep(IReadOnlyList<ActivityModel> schedule, IReadOnlyList<string>? outcomes, string? fault, IReadOnlyList<string>? tags = null, IReadOnlyList<BookmarkRequest>? bookmarks = null) =>
        (Schedule, Outcomes, Fault, Tags, Bookmarks) = (schedule, outcomes, fault, tags, bookmarks ?? []);

    /// <summary>Children to run now (in this order).</summary>
    public IReadOnlyList<ActivityModel> Schedule { get; }

    /// <summary>Set when the container completes, with these outcomes.</summary>
    public IReadOnlyList<string>? Outcomes { get; }

    /// <summary>Set when the container faults.</summary>
    public string? Fault { get; }

    /// <summary>When set, each child runs once per tag, each run as its own iteration (ParallelForEach).</summary>
    public IReadOnlyList<string>? Tags { get; }

    /// <summary>Bookmarks the container itself waits on before it runs a child (SendHttpRequest waits for the response).</summary>
    public IReadOnlyList<BookmarkRequest> Bookmarks { get; }

    /// <summary>Keeps waiting for children still running.</summary>
    public static ContainerStep Wait { get; } = new([], null, null);

    /// <summary>Runs these children.</summary>
    public static ContainerStep Run(params IReadOnlyList<ActivityModel> children) => new(children, null, null);

    /// <summary>Runs <paramref name="child"/> once per tag, all at once, each run with its own executions.</summary>
    public static ContainerStep RunEach(ActivityModel child, IReadOnlyList<string> tags) => new([child], null, null, tags);

    /// <summary>Completes through these outcomes (<c>Done</c> when none are given).</summary>
    public static ContainerStep Complete(params IReadOnlyList<string> outcomes) => new([], outcomes.Count == 0 ? ["Done"] : outcomes, null);

    /// <summary>Faults with a message shown as an incident.</summary>
    public static ContainerStep Faulted(string message) => new([], null, message);

    /// <summary>Waits on its own bookmarks; <see cref="IContainerBehavior.Resumed"/> continues.</summary>
    public static ContainerStep Suspend(params IReadOnlyList<BookmarkRequest> bookmarks) => new([], null, null, bookmarks: bookmarks);
}
