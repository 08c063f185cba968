namespace Klachten.Contracts;

/// <summary>Event: a letter was sent (e-mailed, or handed over for printing when there was no e-mail address).</summary>
/// <param name="MessageId">Id of this event.</param>
/// <param name="LetterMessageId">The <see cref="SendLetter.MessageId"/> it answers.</param>
/// <param name="ComplaintId">The complaint.</param>
/// <param name="CaseReference">Reference.</param>
/// <param name="LetterKind">Template name.</param>
/// <param name="Sha256">SHA-256 of the PDF, hex.</param>
/// <param name="SentAt">When it was sent.</param>
/// <param name="SmtpMessageIds">The SMTP message ids of the e-mails, one per e-mailed recipient.</param>
/// <param name="PrintedFor">Recipients without e-mail whose letter goes by post.</param>
/// <param name="Pdf">The PDF itself, so the archive keeps exactly what was sent.</param>
public sealed record LetterSent(
    string MessageId,
    string LetterMessageId,
    Guid ComplaintId,
    string CaseReference,
    string LetterKind,
    string Sha256,
    DateTimeOffset SentAt,
    IReadOnlyList<string> SmtpMessageIds,
    IReadOnlyList<string> PrintedFor,
    byte[] Pdf);
