using Klachten.Contracts;
using Klachten.Notifications.Mail;
using Klachten.Notifications.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Klachten.Notifications.Messaging;

/// <summary>E-mails a short reminder to each recipient with an address; idempotent on the message id like letters
/// (see <see cref="SendLetterConsumer"/>). Recipients without an address are skipped: reminders are not posted.</summary>
internal sealed class SendReminderConsumer(
    NotificationsDbContext db,
    MailComposer composer,
    InboxDeliveries deliveries,
    TimeProvider time,
    ILogger<SendReminderConsumer> logger) : IConsumer<SendReminder>
{
    public async Task Consume(ConsumeContext<SendReminder> context)
    {
        var reminder = context.Message;
        var cancellationToken = context.CancellationToken;
        await using var held = await db.LockMessageAsync(reminder.MessageId, cancellationToken);
        var entry = await db.InboxMessages.Include(m => m.Deliveries).FirstOrDefaultAsync(m => m.MessageId == reminder.MessageId, cancellationToken);
        if (entry is { Status: InboxStatus.Sent or InboxStatus.Failed })
        {
            logger.LogInformation("Reminder {ReminderMessageId} was already {Status}; redelivery ignored", reminder.MessageId, entry.Status);
            return;
        }

        var recipients = reminder.Recipients ?? [];
        if (entry is null)
        {
            entry = InboxDeliveries.NewEntry(reminder.MessageId, nameof(SendReminder), recipients, composer.Domain, time.UtcNow());
            db.InboxMessages.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
        }

        try
        {
            await deliveries.SendPendingAsync(entry, d => composer.ReminderAsync(reminder, recipients[d.Position]), cancellationToken);
            entry.Status = InboxStatus.Sent;
        }
        catch (LetterException exception)
        {
            logger.LogError("Reminder {ReminderMessageId} cannot be sent: {Reason}", reminder.MessageId, exception.Message);
            entry.Status = InboxStatus.Failed;
            entry.FailureReason = exception.Message.Length > 1000 ? exception.Message[..1000] : exception.Message;
        }

        entry.CompletedAt = time.UtcNow();
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Reminder {ReminderMessageId} {Status}: {Emailed} of {Recipients} recipients e-mailed",
            reminder.MessageId, entry.Status, entry.Deliveries.Count(d => d.Status == DeliveryStatus.Sent), recipients.Count);
    }
}
