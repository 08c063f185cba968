using Klachten.Contracts;
using Klachten.Notifications.Mail;
using Klachten.Notifications.Persistence;
using Klachten.Notifications.Rendering;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Klachten.Notifications.Messaging;

/// <summary>
/// Renders, sends and reports one letter, at most once per message id as far as a crash allows:
/// <list type="number">
/// <item>the message id is locked, so two copies delivered at once are handled one after the other;</item>
/// <item>an id in the inbox as sent or failed is ignored;</item>
/// <item>a new id is rendered once; the PDF, its hash and one pending e-mail per address are committed before any
/// e-mail leaves;</item>
/// <item>each e-mail is committed as sent right after the SMTP server accepted it, so a redelivery sends only the rest,
/// with the same PDF;</item>
/// <item><see cref="LetterSent"/> (a stable id) is published, then the entry is marked sent.</item>
/// </list>
/// What remains: a crash after the SMTP server accepted an e-mail and before that was committed sends that e-mail
/// again on redelivery, with the same Message-ID; a crash between publishing and marking publishes the identical
/// <see cref="LetterSent"/> again. A letter that cannot be made is reported as <see cref="LetterFailed"/> at once;
/// SMTP trouble is thrown, so the bus retries with back-off.
/// </summary>
internal sealed class SendLetterConsumer(
    NotificationsDbContext db,
    LetterRenderer renderer,
    MailComposer composer,
    InboxDeliveries deliveries,
    TimeProvider time,
    ILogger<SendLetterConsumer> logger) : IConsumer<SendLetter>
{
    public async Task Consume(ConsumeContext<SendLetter> context)
    {
        var letter = context.Message;
        var cancellationToken = context.CancellationToken;
        await using var held = await db.LockMessageAsync(letter.MessageId, cancellationToken);
        var entry = await db.InboxMessages.Include(m => m.Deliveries).FirstOrDefaultAsync(m => m.MessageId == letter.MessageId, cancellationToken);
        if (entry is { Status: InboxStatus.Sent or InboxStatus.Failed })
        {
            logger.LogInformation("Letter {LetterMessageId} was already {Status}; redelivery ignored", letter.MessageId, entry.Status);
            return;
        }

        try
        {
            entry ??= await StartAsync(letter, cancellationToken);
            var pdf = entry.Pdf ?? throw new InvalidOperationException($"Inbox entry {letter.MessageId} lost its PDF.");
            await deliveries.SendPendingAsync(entry, d => composer.LetterAsync(letter, letter.Recipients[d.Position], entry.Subject ?? letter.LetterKind, pdf), cancellationToken);
        }
        catch (LetterException exception)
        {
            await FailAsync(context, entry, exception.Message);
            return;
        }

        await CompleteAsync(context, entry);
    }

    private async Task<InboxMessage> StartAsync(SendLetter letter, CancellationToken cancellationToken)
    {
        var rendered = await renderer.RenderAsync(letter);
        var entry = InboxDeliveries.NewEntry(letter.MessageId, nameof(SendLetter), letter.Recipients, composer.Domain, time.UtcNow());
        entry.Pdf = rendered.Pdf;
        entry.Sha256 = rendered.Sha256;
        entry.Subject = rendered.Subject.Length > 300 ? rendered.Subject[..300] : rendered.Subject;
        db.InboxMessages.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Letter {LetterMessageId} ({LetterKind}) rendered: {Emails} e-mails to send", letter.MessageId, letter.LetterKind, entry.Deliveries.Count);
        return entry;
    }

    private async Task CompleteAsync(ConsumeContext<SendLetter> context, InboxMessage entry)
    {
        var letter = context.Message;
        if (entry.SentAt is null)
        {
            entry.SentAt = time.UtcNow();
            await db.SaveChangesAsync(CancellationToken.None);
        }

        var sent = entry.Deliveries.Where(d => d.Status == DeliveryStatus.Sent).OrderBy(d => d.Position).ToList();
        var printed = letter.Recipients.Where((_, position) => sent.All(d => d.Position != position)).Select(r => r.Name).ToList();
        var message = new LetterSent(
            MessageIds.Event(letter.MessageId, "sent"),
            letter.MessageId,
            letter.ComplaintId,
            letter.CaseReference,
            letter.LetterKind,
            entry.Sha256!,
            entry.SentAt.Value,
            sent.Select(d => d.SmtpMessageId).ToList(),
            printed,
            entry.Pdf!);
        await context.Publish(message, c => c.MessageId = MessageIds.Guid(message.MessageId), context.CancellationToken);

        entry.Status = InboxStatus.Sent;
        entry.Pdf = null;
        entry.CompletedAt = time.UtcNow();
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Letter {LetterMessageId} sent: {Emailed} e-mailed, {Printed} by post", letter.MessageId, sent.Count, printed.Count);
    }

    private async Task FailAsync(ConsumeContext<SendLetter> context, InboxMessage? entry, string reason)
    {
        var letter = context.Message;
        logger.LogWarning("Letter {LetterMessageId} ({LetterKind}) cannot be sent: {Reason}", letter.MessageId, letter.LetterKind, reason);
        var failed = new LetterFailed(MessageIds.Event(letter.MessageId, "failed"), letter.MessageId, letter.ComplaintId, letter.CaseReference,
            letter.LetterKind, reason, time.UtcNow());
        await context.Publish(failed, c => c.MessageId = MessageIds.Guid(failed.MessageId), context.CancellationToken);

        if (entry is null)
        {
            entry = new InboxMessage { MessageId = letter.MessageId, MessageType = nameof(SendLetter), Status = InboxStatus.Failed, ReceivedAt = time.UtcNow() };
            db.InboxMessages.Add(entry);
        }

        entry.Status = InboxStatus.Failed;
        entry.FailureReason = reason.Length > 1000 ? reason[..1000] : reason;
        entry.Pdf = null;
        entry.CompletedAt = time.UtcNow();
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
