namespace Klachten.Contracts;

/// <summary>Command: remind staff that a term of a complaint has passed while its task is open.</summary>
/// <param name="MessageId">Stable id.</param>
/// <param name="ComplaintId">The complaint, if the task belongs to one.</param>
/// <param name="CaseReference">Reference, if any.</param>
/// <param name="TaskId">The open task.</param>
/// <param name="TaskTitle">Its title.</param>
/// <param name="Recipients">Staff to remind (the responsible role's people and the director).</param>
/// <param name="ExpiredAt">When the term passed.</param>
public sealed record SendReminder(string MessageId, Guid? ComplaintId, string? CaseReference, string TaskId, string TaskTitle, IReadOnlyList<LetterRecipient> Recipients, DateTimeOffset ExpiredAt);
