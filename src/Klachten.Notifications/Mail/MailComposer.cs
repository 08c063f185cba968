using Klachten.Contracts;
using Klachten.Notifications.Rendering;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Klachten.Notifications.Mail;

/// <summary>
/// Builds the e-mails from the organisation's templates <c>_email.liquid</c> (the letter as PDF attachment) and
/// <c>_herinnering.liquid</c>. A template's first line <c># …</c> is the e-mail's subject, the rest its plain-text body.
/// </summary>
internal sealed class MailComposer(LetterTemplates templates, IOptionsMonitor<NotificationOptions> options, TimeProvider time)
{
    public static bool HasEmail(LetterRecipient recipient) =>
        !string.IsNullOrWhiteSpace(recipient.Email)
        && MailboxAddress.TryParse(recipient.Email, out var address)
        && address.Address.Contains('@', StringComparison.Ordinal);

    /// <summary>The domain of the configured sender, which also names the Message-IDs.</summary>
    public string Domain => MailboxAddress.Parse(options.CurrentValue.Smtp.From).Domain;

    public async Task<MimeMessage> LetterAsync(SendLetter letter, LetterRecipient recipient, string subject, byte[] pdf)
    {
        var values = LetterRenderer.Values(letter, options.CurrentValue.Letterhead);
        values["recipientName"] = recipient.Name;
        values["role"] = Dutch.Role(recipient.Role);
        values["isCopy"] = recipient.IsCopy;
        values["subject"] = subject;
        var (mailSubject, text) = Split(await templates.RenderAsync(LetterTemplates.LetterEmail, values), $"{subject} ({letter.CaseReference})");
        var builder = new BodyBuilder { TextBody = text };
        builder.Attachments.Add(FileName(letter), pdf, new ContentType("application", "pdf"));
        var message = Create(recipient, mailSubject, builder.ToMessageBody());
        message.Headers.Add("X-Klachten-Message-Id", letter.MessageId);
        return message;
    }

    public async Task<MimeMessage> ReminderAsync(SendReminder reminder, LetterRecipient recipient)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["recipientName"] = recipient.Name,
            ["role"] = Dutch.Role(recipient.Role),
            ["taskTitle"] = reminder.TaskTitle,
            ["reference"] = reminder.CaseReference ?? string.Empty,
            ["expiredAt"] = Dutch.DateTime(reminder.ExpiredAt),
            ["expiredOn"] = Dutch.Date(reminder.ExpiredAt),
            ["organisation"] = options.CurrentValue.Letterhead.OrganisationName,
        };
        var (subject, text) = Split(await templates.RenderAsync(LetterTemplates.ReminderEmail, values), $"Herinnering: {reminder.TaskTitle}");
        var message = Create(recipient, subject, new TextPart("plain") { Text = text });
        message.Headers.Add("X-Klachten-Message-Id", reminder.MessageId);
        return message;
    }

    /// <summary>A workflow's own e-mail, as the workflow wrote it; its "From" only as Reply-To, never as the sender.</summary>
    public MimeMessage Email(SendEmail email, LetterRecipient recipient)
    {
        var message = Create(recipient, email.Subject, new TextPart("plain") { Text = email.Body });
        if (email.ReplyTo is { } replyTo && MailboxAddress.TryParse(replyTo, out var address))
        {
            message.ReplyTo.Add(address);
        }

        message.Headers.Add("X-Klachten-Message-Id", email.MessageId);
        return message;
    }

    private MimeMessage Create(LetterRecipient recipient, string subject, MimeEntity body)
    {
        var message = new MimeMessage { Subject = subject, Body = body, Date = time.GetUtcNow() };
        message.From.Add(MailboxAddress.Parse(options.CurrentValue.Smtp.From));
        message.To.Add(new MailboxAddress(recipient.Name, MailboxAddress.Parse(recipient.Email!).Address));
        return message;
    }

    private static (string Subject, string Text) Split(string rendered, string fallback)
    {
        var text = rendered.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\n', ' ');
        if (!text.StartsWith("# ", StringComparison.Ordinal))
        {
            return (fallback, text.Trim() + "\n");
        }

        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var subject = (end < 0 ? text[2..] : text[2..end]).Trim();
        return (subject.Length > 0 ? subject : fallback, (end < 0 ? string.Empty : text[(end + 1)..]).Trim() + "\n");
    }

    private static string FileName(SendLetter letter) =>
        string.Concat($"{letter.LetterKind}-{letter.CaseReference}".Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')) + ".pdf";
}
