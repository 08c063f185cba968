using System.Text.Json.Nodes;

namespace Klachten.Workflows.Runtime;

/// <summary>What an activity did: completed with outcomes, suspended on bookmarks, or faulted.</summary>
public abstract record ActivityResult
{
    /// <summary>Completed through the <c>Done</c> port.</summary>
    public static ActivityResult Done { get; } = new Completed(["Done"]);

    /// <summary>Completed through the given ports.</summary>
    public static ActivityResult Complete(params IReadOnlyList<string> outcomes) => new Completed(outcomes);

    /// <summary>Waits on the given bookmarks.</summary>
    public static ActivityResult Suspend(params IReadOnlyList<BookmarkRequest> bookmarks) => new Suspended(bookmarks);

    /// <summary>Faulted with a message shown as an incident.</summary>
    public static ActivityResult Fault(string message) => new Faulted(message);

    /// <summary>Completes and ends the nearest enclosing loop (Elsa's <c>Break</c>).</summary>
    public static ActivityResult BreakLoop { get; } = new Break();

    /// <summary>Completes and ends the workflow with these outcomes (Elsa's <c>Complete</c>).</summary>
    public static ActivityResult CompleteWorkflow(IReadOnlyList<string> outcomes) => new Finished(outcomes);

    /// <summary>Break.</summary>
    public sealed record Break : ActivityResult;

    /// <summary>The workflow completes with outcomes.</summary>
    /// <param name="Outcomes">The workflow's outcomes.</param>
    public sealed record Finished(IReadOnlyList<string> Outcomes) : ActivityResult;

    /// <summary>Completed.</summary>
    /// <param name="Outcomes">Ports to follow.</param>
    public sealed record Completed(IReadOnlyList<string> Outcomes) : ActivityResult;

    /// <summary>Suspended.</summary>
    /// <param name="Bookmarks">What it waits on.</param>
    public sealed record Suspended(IReadOnlyList<BookmarkRequest> Bookmarks) : ActivityResult;

    /// <summary>Faulted.</summary>
    /// <param name="Message">Why.</param>
    public sealed record Faulted(string Message) : ActivityResult;
}

/// <summary>A bookmark an activity asks for.</summary>
/// <param name="Kind">Kind of wait.</param>
/// <param name="DueAt">Due instant (timers).</param>
/// <param name="EventName">Event name (events).</param>
/// <param name="CorrelationId">Correlation key (events).</param>
/// <param name="TaskId">Task id (human tasks).</param>
/// <param name="Payload">Data needed on resume.</param>
/// <param name="Id">Bookmark id; generated when null.</param>
public sealed record BookmarkRequest(
    BookmarkKind Kind,
    DateTimeOffset? DueAt = null,
    string? EventName = null,
    string? CorrelationId = null,
    string? TaskId = null,
    JsonObject? Payload = null,
    string? Id = null);
