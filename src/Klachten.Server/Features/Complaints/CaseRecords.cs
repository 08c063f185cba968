using Klachten.Contracts;
using Klachten.Server.Persistence;

namespace Klachten.Server.Features.Complaints;

/// <summary>
/// A case as the case handler reads it: the complaint with its terms, tasks, letters and timeline. The API maps it to
/// the contract's JSON (<see cref="CaseJson"/>); the pages read its properties. Instants are as stored (UTC).
/// </summary>
internal sealed record CaseRecord(
    Guid Id,
    string Reference,
    ComplaintStatus Status,
    string Stage,
    string Category,
    string? DiscriminationGround,
    string? DiscriminationGroundText,
    ComplainantRecord Complainant,
    RepresentativeRecord? Representative,
    DateOnly EventDate,
    DateOnly ReceivedOn,
    string? ConcernedEmployee,
    string Manager,
    string Description,
    string? WorkflowInstanceId,
    DateTimeOffset CreatedAt,
    IReadOnlyList<TermRecord> Terms,
    IReadOnlyList<CaseTaskRecord> Tasks,
    IReadOnlyList<CaseLetterRecord> Letters,
    IReadOnlyList<TimelineRecord> Timeline);

internal sealed record ComplainantRecord(string Name, string? Email, string? PostalAddress);

internal sealed record RepresentativeRecord(string Name, string? Kind, string? Email);

/// <summary>A term of the case: <see cref="Met"/> is null while it runs (or when its task was withdrawn).</summary>
internal sealed record TermRecord(string Name, DateOnly Due, DateTimeOffset? ExpiresAt, bool? Met, DateOnly? MetOn);

internal sealed record CaseTaskRecord(
    string Id,
    string Title,
    string Role,
    HumanTaskStatus Status,
    string? Assignee,
    string? Outcome,
    DateOnly? Due,
    DateTimeOffset? ExpiresAt,
    bool Overdue,
    DateTimeOffset? CompletedAt);

internal sealed record CaseLetterRecord(
    string Id,
    string Kind,
    IReadOnlyList<LetterRoleRecord> Recipients,
    LetterStatus Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset? SentAt,
    string? Sha256,
    bool HasPdf);

/// <summary>An addressee of a letter by role (the case keeps roles, not names), and whether it gets a copy.</summary>
internal sealed record LetterRoleRecord(string Role, bool Copy);

internal sealed record TimelineRecord(DateTimeOffset At, string Kind, string Text);

/// <summary>A case in the list: what the overview table shows.</summary>
internal sealed record CaseSummaryRecord(Guid Id, string Reference, ComplaintStatus Status, string Stage, string Category, DateOnly ReceivedOn, string? WorkflowInstanceId);

/// <summary>A page of the case list.</summary>
internal sealed record CasePage(IReadOnlyList<CaseSummaryRecord> Items, int Page, int PageSize, int TotalCount);
