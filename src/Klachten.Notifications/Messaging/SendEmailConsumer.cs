using Klachten.Contracts;
using Klachten.Notifications.Mail;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Klachten.Notifications.Messaging;

/// <summary>
/// Sends a workflow's e-mail: one message per address (To, Cc and Bcc alike, so no one sees a Bcc), idempotent on
/// the message id like reminders (<see cref="InboxDeliveries.SendOnceAsync"/>). Addresses are never logged.
/// </summary>
internal sealed class SendEmailConsumer(MailComposer composer, InboxDeliveries deliveries, ILogger<SendEmailConsumer> logger) : IConsumer<SendEmail>
{
    public async Task Consume(ConsumeContext<SendEmail> context)
    {
        var email = context.Message;
        var recipients = (email.To ?? []).Concat(email.Cc ?? []).Concat(email.Bcc ?? [])
            .Select(address => new LetterRecipient("email", string.Empty, address.Trim(), null, false))
            .ToList();
        var entry = await deliveries.SendOnceAsync(email.MessageId, nameof(SendEmail), recipients, composer.Domain,
            position => Task.FromResult(composer.Email(email, recipients[position])), context.CancellationToken);
        if (entry is not null)
        {
            logger.LogInformation("E-mail {EmailMessageId} {Status}: {Emailed} of {Recipients} addresses", email.MessageId, entry.Status,
                entry.Deliveries.Count(d => d.Status == Persistence.DeliveryStatus.Sent), recipients.Count);
        }
    }
}
