namespace Klachten.Contracts;

/// <summary>Event: a letter could not be sent after all retries; the case shows it so someone acts on it.</summary>
/// <param name="MessageId">Id of this event.</param>
/// <param name="LetterMessageId">The <see cref="SendLetter.MessageId"/> it answers.</param>
/// <param name="ComplaintId">The complaint.</param>
/// <param name="CaseReference">Reference.</param>
/// <param name="LetterKind">Template name.</param>
/// <param name="Reason">Why, without personal data.</param>
/// <param name="FailedAt">When it was given up.</param>
public sealed record LetterFailed(string MessageId, string LetterMessageId, Guid ComplaintId, string CaseReference, string LetterKind, string Reason, DateTimeOffset FailedAt);
