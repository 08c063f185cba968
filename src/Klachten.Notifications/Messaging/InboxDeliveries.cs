using Klachten.Contracts;
using Klachten.Notifications.Mail;
using Klachten.Notifications.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Klachten.Notifications.Messaging;

/// <summary>
/// The e-mails of one inbox entry, each recorded the moment it is handed over, so a redelivered message sends only
/// what was not handed over yet.
/// </summary>
internal sealed class InboxDeliveries(NotificationsDbContext db, MailTransport transport, TimeProvider time, ILogger<InboxDeliveries> logger)
{
    /// <summary>A new entry with one pending e-mail per recipient that has a usable address.</summary>
    public static InboxMessage NewEntry(string messageId, string messageType, IReadOnlyList<LetterRecipient> recipients, string domain, DateTimeOffset now)
    {
        var entry = new InboxMessage { MessageId = messageId, MessageType = messageType, Status = InboxStatus.Sending, ReceivedAt = now };
        for (var position = 0; position < recipients.Count; position++)
        {
            if (MailComposer.HasEmail(recipients[position]))
            {
                entry.Deliveries.Add(new InboxDelivery
                {
                    MessageId = messageId,
                    Position = position,
                    SmtpMessageId = MessageIds.Email(messageId, position, domain),
                    Status = DeliveryStatus.Pending,
                });
            }
        }

        return entry;
    }

    /// <summary>
    /// The whole handling of a plain e-mail command (a reminder, a workflow's e-mail): under the message's lock, once
    /// per message id, each recipient's e-mail recorded as it is handed over; a failure that no retry can cure marks the
    /// entry failed. Returns the finished entry, or null when an earlier delivery of the message already finished it.
    /// </summary>
    public async Task<InboxMessage?> SendOnceAsync(string messageId, string messageType, IReadOnlyList<LetterRecipient> recipients, string domain,
        Func<int, Task<MimeMessage>> compose, CancellationToken cancellationToken)
    {
        await using var held = await db.LockMessageAsync(messageId, cancellationToken);
        var entry = await db.InboxMessages.Include(m => m.Deliveries).FirstOrDefaultAsync(m => m.MessageId == messageId, cancellationToken);
        if (entry is { Status: InboxStatus.Sent or InboxStatus.Failed })
        {
            logger.LogInformation("{MessageType} {MessageId} was already {Status}; redelivery ignored", messageType, messageId, entry.Status);
            return null;
        }

        if (entry is null)
        {
            entry = NewEntry(messageId, messageType, recipients, domain, time.UtcNow());
            db.InboxMessages.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
        }

        try
        {
            await SendPendingAsync(entry, d => compose(d.Position), cancellationToken);
            entry.Status = InboxStatus.Sent;
        }
        catch (LetterException exception)
        {
            logger.LogError("{MessageType} {MessageId} cannot be sent: {Reason}", messageType, messageId, exception.Message);
            entry.Status = InboxStatus.Failed;
            entry.FailureReason = exception.Message.Length > 1000 ? exception.Message[..1000] : exception.Message;
        }

        entry.CompletedAt = time.UtcNow();
        await db.SaveChangesAsync(CancellationToken.None);
        return entry;
    }

    public async Task SendPendingAsync(InboxMessage entry, Func<InboxDelivery, Task<MimeMessage>> compose, CancellationToken cancellationToken)
    {
        var pending = entry.Deliveries.Where(d => d.Status == DeliveryStatus.Pending).OrderBy(d => d.Position).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        if (pending.Count < entry.Deliveries.Count)
        {
            logger.LogInformation("Resuming {MessageId}: {Pending} of {Total} e-mails still to send", entry.MessageId, pending.Count, entry.Deliveries.Count);
        }

        await using var session = transport.Open();
        foreach (var delivery in pending)
        {
            var message = await compose(delivery);
            message.MessageId = delivery.SmtpMessageId;
            var result = await session.SendAsync(message, cancellationToken);
            delivery.Status = result == MailResult.Accepted ? DeliveryStatus.Sent : DeliveryStatus.Rejected;
            delivery.SentAt = time.UtcNow();
            // Recorded even when the consumer is being stopped: this e-mail is out, and forgetting that sends it twice.
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }
}
