using Klachten.Contracts;
using Klachten.Notifications.Mail;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Klachten.Notifications.Messaging;

/// <summary>E-mails a short reminder to each recipient with an address; idempotent on the message id like letters
/// (see <see cref="SendLetterConsumer"/>). Recipients without an address are skipped: reminders are not posted.</summary>
internal sealed class SendReminderConsumer(MailComposer composer, InboxDeliveries deliveries, ILogger<SendReminderConsumer> logger) : IConsumer<SendReminder>
{
    public async Task Consume(ConsumeContext<SendReminder> context)
    {
        var reminder = context.Message;
        var recipients = reminder.Recipients ?? [];
        var entry = await deliveries.SendOnceAsync(reminder.MessageId, nameof(SendReminder), recipients, composer.Domain,
            position => composer.ReminderAsync(reminder, recipients[position]), context.CancellationToken);
        if (entry is not null)
        {
            logger.LogInformation("Reminder {ReminderMessageId} {Status}: {Emailed} of {Recipients} recipients e-mailed",
                reminder.MessageId, entry.Status, entry.Deliveries.Count(d => d.Status == Persistence.DeliveryStatus.Sent), recipients.Count);
        }
    }
}
