namespace Klachten.Server.Persistence;

/// <summary>One workflow instance; the engine state is kept whole as JSON, the columns serve queries.</summary>
internal sealed class WorkflowInstanceEntity
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public required string DefinitionVersionId { get; set; }
    public int Version { get; set; }
    public required string Status { get; set; }
    public required string SubStatus { get; set; }
    public string? CorrelationId { get; set; }
    public string? Name { get; set; }
    public int IncidentCount { get; set; }
    public required string StateJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Bumped on every step; a second writer that read an older state fails instead of overwriting.</summary>
    public int Revision { get; set; }
}

/// <summary>A bookmark row, so that due timers, events and tasks are found without reading instance state.</summary>
internal sealed class BookmarkEntity
{
    public required string Id { get; set; }
    public required string InstanceId { get; set; }
    public required string Kind { get; set; }
    public required string ActivityId { get; set; }
    public required string ActivityNodeId { get; set; }
    public required string ActivityType { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public string? EventName { get; set; }
    public string? CorrelationId { get; set; }
    public string? TaskId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Which node is firing this timer, and until when its claim holds.</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
}

internal sealed class JournalEntryEntity
{
    public required string InstanceId { get; set; }
    public long Sequence { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public required string ActivityId { get; set; }
    public required string ActivityNodeId { get; set; }
    public required string ActivityType { get; set; }
    public string? ActivityName { get; set; }
    public required string ExecutionId { get; set; }
    public required string EventName { get; set; }
    public string? Message { get; set; }
    public string? PayloadJson { get; set; }
}

internal sealed class HumanTaskEntity
{
    public required string Id { get; set; }
    public required string InstanceId { get; set; }
    public required string BookmarkId { get; set; }
    public required string ActivityId { get; set; }
    public required string ActivityNodeId { get; set; }
    public required string Title { get; set; }
    public required string Role { get; set; }
    public string? Description { get; set; }

    /// <summary>JSON array of outcome names.</summary>
    public required string OutcomesJson { get; set; }

    /// <summary>JSON array of data fields a completion must carry.</summary>
    public required string RequiredFieldsJson { get; set; }

    /// <summary>JSON object: outcome → Dutch reason it is refused (409), e.g. a second extension.</summary>
    public string? RefusedOutcomesJson { get; set; }

    /// <summary>Comma-separated users who may never act on or see this task (the people the complaint is about).</summary>
    public string? ExcludedUsers { get; set; }

    /// <summary>When the task's term passed while it was open.</summary>
    public DateTimeOffset? OverrunAt { get; set; }

    public DateOnly? Due { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public string? Explanation { get; set; }

    /// <summary>Letter kind whose sending meets the term (a written message), instead of the task's completion.</summary>
    public string? MetByLetter { get; set; }

    public required HumanTaskStatus Status { get; set; }
    public string? Assignee { get; set; }
    public string? Outcome { get; set; }
    public string? Comment { get; set; }
    public string? DataJson { get; set; }
    public string? CompletedBy { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Optimistic concurrency: clients send it back on complete; a stale one is a 409.</summary>
    public int Version { get; set; }
}

/// <summary>A message committed with the step that produced it; the relay publishes it later.</summary>
internal sealed class OutboxMessageEntity
{
    public required string Id { get; set; }
    public required string MessageType { get; set; }
    public required string PayloadJson { get; set; }
    public string? InstanceId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }

    /// <summary>Which node is publishing this row, and until when its claim holds.</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>W3C traceparent of the step that wrote the row; the relay's publish continues that trace.</summary>
    public string? TraceParent { get; set; }
}
