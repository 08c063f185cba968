using Klachten.Contracts;
using Klachten.Notifications.Mail;
using Klachten.Notifications.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Klachten.Notifications.Messaging;

/// <summary>
/// Sends a workflow's e-mail: one message per address (To, Cc and Bcc alike, so no one sees a Bcc), idempotent on
/// the message id like letters and reminders (<see cref="SendReminderConsumer"/>). Addresses are never logged.
/// </summary>
internal sealed class SendEmailConsumer(
    NotificationsDbContext db,
    MailComposer composer,
    InboxDeliveries deliveries,
    TimeProvider time,
    ILogger<SendEmailConsumer> logger) : IConsumer<SendEmail>
{
    public async Task Consume(ConsumeContext<SendEmail> context)
    {
        var email = context.Message;
        var cancellationToken = context.CancellationToken;
        await using var held = await db.LockMessageAsync(email.MessageId, cancellationToken);
        var entry = await db.InboxMessages.Include(m => m.Deliveries).FirstOrDefaultAsync(m => m.MessageId == email.MessageId, cancellationToken);
        if (entry is { Status: InboxStatus.Sent or InboxStatus.Failed })
        {
            logger.LogInformation("E-mail {EmailMessageId} was already {Status}; redelivery ignored", email.MessageId, entry.Status);
            return;
        }

        var recipients = (email.To ?? []).Concat(email.Cc ?? []).Concat(email.Bcc ?? [])
            .Select(address => new LetterRecipient("email", string.Empty, address.Trim(), null, false))
            .ToList();
        if (entry is null)
        {
            entry = InboxDeliveries.NewEntry(email.MessageId, nameof(SendEmail), recipients, composer.Domain, time.UtcNow());
            db.InboxMessages.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
        }

        try
        {
            await deliveries.SendPendingAsync(entry, d => Task.FromResult(composer.Email(email, recipients[d.Position])), cancellationToken);
            entry.Status = InboxStatus.Sent;
        }
        catch (LetterException exception)
        {
            logger.LogError("E-mail {EmailMessageId} cannot be sent: {Reason}", email.MessageId, exception.Message);
            entry.Status = InboxStatus.Failed;
            entry.FailureReason = exception.Message.Length > 1000 ? exception.Message[..1000] : exception.Message;
        }

        entry.CompletedAt = time.UtcNow();
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("E-mail {EmailMessageId} {Status}: {Emailed} of {Recipients} addresses", email.MessageId, entry.Status,
            entry.Deliveries.Count(d => d.Status == DeliveryStatus.Sent), recipients.Count);
    }
}
