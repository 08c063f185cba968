using Klachten.Contracts;

namespace Klachten.Server.Persistence;

/// <summary>A complaint: the domain record. Its content lives here, never in workflow variables or the journal (AVG).</summary>
internal sealed class ComplaintEntity
{
    public Guid Id { get; set; }
    public required string Reference { get; set; }
    public int Year { get; set; }
    public int Sequence { get; set; }
    public required ComplaintStatus Status { get; set; }
    public required string Stage { get; set; }
    public required string Category { get; set; }
    public string? DiscriminationGround { get; set; }
    public string? DiscriminationGroundText { get; set; }
    public required string ComplainantName { get; set; }
    public string? ComplainantEmail { get; set; }
    public string? ComplainantPostalAddress { get; set; }
    public string? RepresentativeName { get; set; }
    public string? RepresentativeKind { get; set; }
    public string? RepresentativeEmail { get; set; }
    public DateOnly EventDate { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public string? ConcernedEmployee { get; set; }
    public required string Manager { get; set; }
    public required string Description { get; set; }
    public string? WorkflowInstanceId { get; set; }
    public string? IdempotencyKey { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Whether the complaint is about this user (the employee concerned or the manager): impartiality keeps it from them.</summary>
    public bool Concerns(string? userName) => userName is not null && (userName == ConcernedEmployee || userName == Manager);
}

/// <summary>The last reference number handed out per year; updated in the registering transaction, so no gaps.</summary>
internal sealed class ComplaintSequenceEntity
{
    public int Year { get; set; }
    public int Last { get; set; }
}

/// <summary>One line of a complaint's Dutch timeline.</summary>
internal sealed class ComplaintEventEntity
{
    public long Id { get; set; }
    public Guid ComplaintId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Kind { get; set; }
    public required string Text { get; set; }
}

/// <summary>A letter requested for a complaint; its delivery status comes back from the notification service.</summary>
internal sealed class LetterEntity
{
    public required string Id { get; set; }
    public Guid ComplaintId { get; set; }
    public required string Kind { get; set; }

    /// <summary>JSON array of recipients (role names resolved to people on sending).</summary>
    public required string RecipientsJson { get; set; }

    public required LetterStatus Status { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? Sha256 { get; set; }

    /// <summary>The PDF as sent (from <c>LetterSent</c>, kept when its hash matches), for the case page's download.</summary>
    public byte[]? Pdf { get; set; }
}
