using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Klachten.Workflows.Runtime;

/// <summary>Elsa's workflow status: running until finished (which includes cancelled and faulted).</summary>
public enum WorkflowStatus
{
    /// <summary>Executing or waiting.</summary>
    Running,

    /// <summary>Finished, cancelled or faulted; nothing more happens unless a faulted instance is retried.</summary>
    Finished,
}

/// <summary>Elsa's workflow sub-status.</summary>
public enum WorkflowSubStatus
{
    /// <summary>Created, not yet run.</summary>
    Pending,

    /// <summary>Activities are running.</summary>
    Executing,

    /// <summary>Waiting on at least one bookmark.</summary>
    Suspended,

    /// <summary>Completed normally.</summary>
    Finished,

    /// <summary>Cancelled by a person or the system.</summary>
    Cancelled,

    /// <summary>An activity faulted; see the incidents.</summary>
    Faulted,
}

/// <summary>
/// The complete persisted state of one workflow instance: what the engine needs to continue after any pause.
/// The host keeps complaint content and what staff write in its own tables (AVG); a human task leaves only its outcome
/// and who chose it here. Variables, inputs and event payloads hold what a definition puts in them, so a definition
/// must not copy personal data into them.
/// </summary>
public sealed class WorkflowState
{
    /// <summary>Instance id.</summary>
    public required string Id { get; init; }

    /// <summary>Definition id.</summary>
    public required string DefinitionId { get; init; }

    /// <summary>The definition version this instance is pinned to.</summary>
    public required string DefinitionVersionId { get; init; }

    /// <summary>The version number it is pinned to.</summary>
    public int DefinitionVersion { get; init; }

    /// <summary>Correlation id (set by <c>Elsa.Correlate</c> or at start).</summary>
    public string? CorrelationId { get; set; }

    /// <summary>Status.</summary>
    public WorkflowStatus Status { get; set; }

    /// <summary>Sub-status.</summary>
    public WorkflowSubStatus SubStatus { get; set; } = WorkflowSubStatus.Pending;

    /// <summary>Workflow input.</summary>
    public JsonObject Input { get; init; } = [];

    /// <summary>The workflow's output (Elsa's <c>workflowState.output</c>), written by SetOutput.</summary>
    public JsonObject Output { get; init; } = [];

    /// <summary>
    /// The activity whose trigger started the instance (an Event marked "can start workflow"); its flowchart starts
    /// there and it completes at once with the trigger's payload. Cleared once it ran.
    /// </summary>
    public string? TriggerActivityId { get; set; }

    /// <summary>The instance whose ExecuteWorkflow or DispatchWorkflow started this one (Elsa's <c>parentWorkflowInstanceId</c>).</summary>
    public string? ParentInstanceId { get; set; }

    /// <summary>The parent's bookmark that waits for this instance to finish; null when the parent does not wait.</summary>
    public string? ParentBookmarkId { get; set; }

    /// <summary>The instance name set by SetName; null keeps the name the instance got at its start.</summary>
    public string? Name { get; set; }

    /// <summary>Variables by name.</summary>
    public Dictionary<string, JsonNode?> Variables { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Outputs of completed activities by activity id.</summary>
    public Dictionary<string, JsonObject> Outputs { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Instance properties (Elsa's <c>workflowState.properties</c>); <c>Flowchart:ExecutionMode</c> records the flowchart
    /// mode chosen at the start. A state without it was stored before the counter-based mode existed: token-based.
    /// </summary>
    public Dictionary<string, string> Properties { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Flowchart control-flow tokens (Elsa's token-based flowchart).</summary>
    public List<FlowToken> Tokens { get; init; } = [];

    /// <summary>Visit counters per flowchart node id (Elsa's counter-based flowchart).</summary>
    public Dictionary<string, FlowScope> FlowScopes { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Activities scheduled but not yet executed (non-empty only after a fault stopped the run).</summary>
    public List<ScheduledActivity> Scheduled { get; init; } = [];

    /// <summary>Activities that have started and not completed: waiting on bookmarks, or faulted.</summary>
    public List<ActiveActivity> Active { get; init; } = [];

    /// <summary>Everything the instance waits on.</summary>
    public List<Bookmark> Bookmarks { get; init; } = [];

    /// <summary>Faults recorded on this instance.</summary>
    public List<Incident> Incidents { get; init; } = [];

    /// <summary>Last journal sequence number used.</summary>
    public long JournalSequence { get; set; }

    /// <summary>When the instance was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last change.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When it finished, if it did.</summary>
    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>A control-flow token on a flowchart connection.</summary>
public sealed class FlowToken
{
    /// <summary>Node id of the flowchart the connection belongs to.</summary>
    public required string Scope { get; init; }

    /// <summary>Source activity id.</summary>
    public required string From { get; init; }

    /// <summary>Source port (the outcome that emitted the token).</summary>
    public required string Outcome { get; init; }

    /// <summary>Target activity id.</summary>
    public required string To { get; init; }

    /// <summary>Whether the target has consumed it.</summary>
    public bool Consumed { get; set; }

    /// <summary>A token placed by a race to swallow a later arrival on that connection.</summary>
    public bool Blocked { get; set; }
}

/// <summary>An activity waiting in the scheduler.</summary>
/// <param name="NodeId">Activity node id.</param>
/// <param name="ExecutionId">The execution id it will run under.</param>
public sealed record ScheduledActivity(string NodeId, string ExecutionId);

/// <summary>Status of an activity execution that has not completed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActiveStatus>))]
public enum ActiveStatus
{
    /// <summary>Waiting on one or more bookmarks.</summary>
    Suspended,

    /// <summary>Faulted; retry runs it again.</summary>
    Faulted,

    /// <summary>A nested flowchart whose children are still running.</summary>
    Running,
}

/// <summary>An activity execution that started and has not completed.</summary>
public sealed class ActiveActivity
{
    /// <summary>Activity id within its flowchart.</summary>
    public required string ActivityId { get; init; }

    /// <summary>Activity node id.</summary>
    public required string NodeId { get; init; }

    /// <summary>Unique id of this execution.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>Suspended or faulted.</summary>
    public ActiveStatus Status { get; set; }

    /// <summary>When the execution started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Activity-specific state kept between execute and resume.</summary>
    public JsonObject? Properties { get; set; }
}

/// <summary>What an instance waits on. Bookmarks are the one way of waiting.</summary>
public enum BookmarkKind
{
    /// <summary>A human task; resumed by completing the task.</summary>
    HumanTask,

    /// <summary>A due instant; resumed by the timer service.</summary>
    Timer,

    /// <summary>A named event with optional correlation; resumed by publishing the event.</summary>
    Event,

    /// <summary>A child instance started by ExecuteWorkflow or DispatchWorkflow; resumed when it finishes.</summary>
    ChildWorkflow,

    /// <summary>An outgoing HTTP request (its payload); resumed by the host's sender with the response.</summary>
    HttpRequest,
}

/// <summary>A resumable point in an instance.</summary>
public sealed class Bookmark
{
    /// <summary>Bookmark id (unique across instances).</summary>
    public required string Id { get; init; }

    /// <summary>Kind of wait.</summary>
    public required BookmarkKind Kind { get; init; }

    /// <summary>Activity id within the flowchart.</summary>
    public required string ActivityId { get; init; }

    /// <summary>Activity node id (definition-wide unique).</summary>
    public required string ActivityNodeId { get; init; }

    /// <summary>Activity type name.</summary>
    public required string ActivityType { get; init; }

    /// <summary>The activity execution it resumes.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>Due instant for timers (and human task expiry).</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Event name for event bookmarks.</summary>
    public string? EventName { get; init; }

    /// <summary>Correlation key for event bookmarks.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Task id for human task bookmarks.</summary>
    public string? TaskId { get; init; }

    /// <summary>Extra data the activity needs on resume.</summary>
    public JsonObject? Payload { get; init; }
}

/// <summary>A fault recorded on an instance.</summary>
public sealed record Incident(string ActivityId, string ActivityNodeId, string ActivityType, string Message, DateTimeOffset Timestamp);
