using Klachten.Contracts;
using Klachten.Notifications.Mail;
using Klachten.Notifications.Persistence;
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
