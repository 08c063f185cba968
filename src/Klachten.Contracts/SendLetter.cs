namespace Klachten.Contracts;

/// <summary>Command to the notification service: render, send and report one letter of a complaint.</summary>
/// <param name="MessageId">Stable id: the same workflow step always produces the same id (consumers deduplicate on it).</param>
/// <param name="ComplaintId">The complaint.</param>
/// <param name="CaseReference">Human-readable reference, e.g. <c>K-2026-0001</c>.</param>
/// <param name="LetterKind">Template name, e.g. <c>Ontvangstbevestiging</c>.</param>
/// <param name="Recipients">Addressees and copies.</param>
/// <param name="Attachments">Documents to attach, by name (e.g. <c>werkwijze-klachtencommissie</c>).</param>
/// <param name="Fields">Values the template may use (dates, terms, category, names), as text.</param>
/// <param name="RequestedAt">When the workflow asked for it.</param>
public sealed record SendLetter(
    string MessageId,
    Guid ComplaintId,
    string CaseReference,
    string LetterKind,
    IReadOnlyList<LetterRecipient> Recipients,
    IReadOnlyList<string> Attachments,
    IReadOnlyDictionary<string, string> Fields,
    DateTimeOffset RequestedAt);
