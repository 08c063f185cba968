namespace Klachten.Notifications.Persistence;

/// <summary>Where a consumed message stands. Only ids, states and the PDF while it is being sent: the message itself
/// carries the names and addresses, so the inbox keeps no personal data once a letter is out.</summary>
internal static class InboxStatus
{
    /// <summary>Rendered and recorded; e-mails are being handed to SMTP (or were, before a crash).</summary>
    public const string Sending = "Sending";

    /// <summary>Done; redeliveries are ignored.</summary>
    public const string Sent = "Sent";

    /// <summary>Given up for a permanent reason (bad template, no recipients); redeliveries are ignored.</summary>
    public const string Failed = "Failed";
}

/// <summary>State of one e-mail of a message.</summary>
internal static class DeliveryStatus
{
    public const string Pending = "Pending";
    public const string Sent = "Sent";

    /// <summary>The mail server refused the address for good (5xx); the letter goes by post instead.</summary>
    public const string Rejected = "Rejected";
}

/// <summary>One consumed <c>SendLetter</c> or <c>SendReminder</c>, by its message id.</summary>
internal sealed class InboxMessage
{
    public required string MessageId { get; set; }

    public required string MessageType { get; set; }

    public required string Status { get; set; }

    /// <summary>SHA-256 of <see cref="Pdf"/>, hex; kept after the PDF itself is dropped.</summary>
    public string? Sha256 { get; set; }

    /// <summary>The rendered letter, rendered once: a redelivery sends exactly these bytes. Dropped when sent.</summary>
    public byte[]? Pdf { get; set; }

    /// <summary>The letter's subject, for the e-mails still to send after a redelivery.</summary>
    public string? Subject { get; set; }

    public string? FailureReason { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>When the last e-mail was handed over; fixed once set, so a repeated <c>LetterSent</c> is identical.</summary>
    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public List<InboxDelivery> Deliveries { get; } = [];
}

/// <summary>One e-mail of a message: recipient <see cref="Position"/> in the message's recipient list.</summary>
internal sealed class InboxDelivery
{
    public required string MessageId { get; set; }

    public int Position { get; set; }

    /// <summary>The Message-ID header, derived from the message id and position, so a resend carries the same one.</summary>
    public required string SmtpMessageId { get; set; }

    public required string Status { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}
