using System.Text.Json.Nodes;

namespace Klachten.Workflows.Runtime;

/// <summary>
/// Something the host must do as part of the same transaction as the new state: the engine itself never
/// touches a database or a bus.
/// </summary>
public abstract record WorkflowEffect;

/// <summary>Create a human task.</summary>
/// <param name="TaskId">Task id (also the bookmark's task id).</param>
/// <param name="BookmarkId">The bookmark that completing the task resumes.</param>
/// <param name="ActivityId">Activity id.</param>
/// <param name="ActivityNodeId">Activity node id.</param>
/// <param name="Title">Dutch title.</param>
/// <param name="Role">Role that may act on it.</param>
/// <param name="Description">Dutch description.</param>
/// <param name="Outcomes">Outcomes the person chooses from.</param>
/// <param name="Due">Last day of the term, if the task has one.</param>
/// <param name="ExpiresAt">Instant the term has passed.</param>
/// <param name="Explanation">Dutch explanation of the term.</param>
/// <param name="RequiredFields">Data fields the completion must carry.</param>
/// <param name="Assignee">User the task is for from the start, if any.</param>
/// <param name="RefusedOutcomes">Outcomes shown but refused with the given Dutch reason (409), e.g. a second extension.</param>
/// <param name="MetByLetter">Letter kind whose sending (not the task's completion) meets the term: a term that requires a
/// written message counts as met only by the notification service's <c>LetterSent</c>.</param>
public sealed record CreateHumanTask(
    string TaskId,
    string BookmarkId,
    string ActivityId,
    string ActivityNodeId,
    string Title,
    string Role,
    string? Description,
    IReadOnlyList<string> Outcomes,
    DateOnly? Due,
    DateTimeOffset? ExpiresAt,
    string? Explanation,
    IReadOnlyList<string> RequiredFields,
    string? Assignee = null,
    IReadOnlyDictionary<string, string>? RefusedOutcomes = null,
    string? MetByLetter = null) : WorkflowEffect;

/// <summary>A task's term passed while it was still open: mark it, remind the role and the director, record it on the case.</summary>
/// <param name="TaskId">Task id.</param>
/// <param name="Title">Task title.</param>
/// <param name="Role">Responsible role.</param>
/// <param name="ExpiresAt">The instant the term passed.</param>
/// <param name="MessageId">Stable id of the reminder message.</param>
public sealed record TermOverrun(string TaskId, string Title, string Role, DateTimeOffset ExpiresAt, string MessageId) : WorkflowEffect;

/// <summary>Withdraw an open human task (its branch was cancelled or the workflow ended).</summary>
/// <param name="TaskId">Task id.</param>
public sealed record CancelHumanTask(string TaskId) : WorkflowEffect;

/// <summary>
/// A letter is requested. The workflow names roles, never people: the host resolves them to addressees and turns the
/// request into the notification service's message.
/// </summary>
/// <param name="MessageId">Stable id: the same step always produces the same id.</param>
/// <param name="ActivityId">The requesting activity.</param>
/// <param name="LetterKind">The letter template, e.g. <c>Ontvangstbevestiging</c>.</param>
/// <param name="Recipients">Roles the letter is addressed to, e.g. <c>klager</c>.</param>
/// <param name="CopyTo">Roles that get a copy.</param>
/// <param name="Attachments">Attachments by name.</param>
public sealed record RequestLetter(
    string MessageId,
    string ActivityId,
    string LetterKind,
    IReadOnlyList<string> Recipients,
    IReadOnlyList<string> CopyTo,
    IReadOnlyList<string> Attachments) : WorkflowEffect;

/// <summary>
/// A human task was completed and the workflow took its outcome. What the person wrote stays with the task (the host
/// has it); the workflow keeps only the outcome and who chose it.
/// </summary>
/// <param name="TaskId">Task id.</param>
/// <param name="Outcome">The chosen outcome.</param>
/// <param name="CompletedBy">User name of who completed it, when known.</param>
public sealed record HumanTaskCompleted(string TaskId, string Outcome, string? CompletedBy) : WorkflowEffect;

/// <summary>Set the status of the case the instance belongs to (its correlation id).</summary>
/// <param name="Status">New status, e.g. <c>WithCommittee</c>.</param>
/// <param name="Note">Dutch line for the case timeline.</param>
public sealed record SetCaseStatus(string Status, string? Note) : WorkflowEffect;

/// <summary>An e-mail to send through the notification service (Elsa's SendEmail).</summary>
/// <param name="MessageId">Stable per execution.</param>
/// <param name="To">Recipients.</param>
/// <param name="Cc">Recipients in copy.</param>
/// <param name="Bcc">Recipients in blind copy.</param>
/// <param name="ReplyTo">The activity's From: where answers go.</param>
/// <param name="Subject">Subject.</param>
/// <param name="Body">Plain-text body.</param>
public sealed record EmailRequested(string MessageId, IReadOnlyList<string> To, IReadOnlyList<string> Cc, IReadOnlyList<string> Bcc, string? ReplyTo, string Subject, string Body) : WorkflowEffect;

/// <summary>The answer to the HTTP request that started the workflow (Elsa's WriteHttpResponse).</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="ContentType">Content type of <paramref name="Content"/>.</param>
/// <param name="Content">Body: text as it is, anything else as JSON.</param>
public sealed record HttpResponseRequested(int StatusCode, string ContentType, JsonNode? Content) : WorkflowEffect;

/// <summary>
/// Start a child instance (Elsa's ExecuteWorkflow and DispatchWorkflow). The activity waits on
/// <paramref name="BookmarkId"/> either way: the host resumes it at once unless the parent waits for a child that has
/// not finished, and faults it (<see cref="ChildWorkflowFault"/>) when the child cannot start.
/// </summary>
/// <param name="InstanceId">The child's instance id, stable for this execution.</param>
/// <param name="DefinitionId">The child's definition; its published version runs.</param>
/// <param name="Input">The child's input (with <c>ParentInstanceId</c>, as Elsa adds it).</param>
/// <param name="CorrelationId">The child's correlation id.</param>
/// <param name="ParentInstanceId">This instance.</param>
/// <param name="BookmarkId">The bookmark the activity waits on.</param>
/// <param name="WaitForCompletion">Whether the activity completes only when the child has finished.</param>
/// <param name="Dispatch">Queue the child (DispatchWorkflow) instead of running it within this step (ExecuteWorkflow).</param>
public sealed record ChildWorkflowRequested(
    string InstanceId,
    string DefinitionId,
    JsonObject Input,
    string? CorrelationId,
    string ParentInstanceId,
    string BookmarkId,
    bool WaitForCompletion,
    bool Dispatch) : WorkflowEffect;

/// <summary>An event to deliver after this step has committed (Elsa's PublishEvent), as <c>POST /events/{name}/trigger</c> does.</summary>
/// <param name="MessageId">Stable per execution: a redelivery starts nothing twice.</param>
/// <param name="EventName">Event name.</param>
/// <param name="CorrelationId">Only bookmarks with this correlation id are resumed; null for all.</param>
/// <param name="WorkflowInstanceId">For a local event: only this instance; it starts no workflows.</param>
/// <param name="Payload">The event's payload (the Event activity's result).</param>
public sealed record EventPublished(string MessageId, string EventName, string? CorrelationId, string? WorkflowInstanceId, JsonObject? Payload) : WorkflowEffect;

/// <summary>What the host resumes a child-workflow bookmark with when the child could not start: the activity faults.</summary>
public static class ChildWorkflowFault
{
    /// <summary>The key of the Dutch reason in the resume input.</summary>
    public const string Key = "$klachtenFault";

    /// <summary>A resume input that makes the activity fault with <paramref name="message"/>.</summary>
    public static JsonObject Input(string message) => new() { [Key] = message };
}
