namespace Klachten.Contracts;

/// <summary>Event: a document is in the dossier.</summary>
/// <param name="MessageId">Id of this event.</param>
/// <param name="SourceMessageId">The message whose document was archived (an <see cref="ArchiveDocument"/> or <see cref="LetterSent"/>).</param>
/// <param name="ComplaintId">The complaint.</param>
/// <param name="CaseReference">Reference.</param>
/// <param name="DocumentId">Id in the archive.</param>
/// <param name="Kind">Document kind.</param>
/// <param name="Sha256">SHA-256 of the stored content, hex.</param>
/// <param name="RetainUntil">When the retention job may delete it, unless the case is still open.</param>
public sealed record DocumentArchived(string MessageId, string SourceMessageId, Guid ComplaintId, string CaseReference, Guid DocumentId, string Kind, string Sha256, DateOnly? RetainUntil);
