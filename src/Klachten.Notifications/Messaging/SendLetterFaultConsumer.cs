using Klachten.Contracts;
using Klachten.Notifications.Mail;
using Klachten.Notifications.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Klachten.Notifications.Messaging;

/// <summary>
/// When every retry of a letter failed (SMTP down for the whole back-off, say), the bus publishes a fault and the
/// message waits in the error queue. This tells the case about it with <see cref="LetterFailed"/>; moving the message
/// back from the error queue sends the rest of the letter later.
/// </summary>
internal sealed class SendLetterFaultConsumer(NotificationsDbContext db, TimeProvider time, ILogger<SendLetterFaultConsumer> logger) : IConsumer<Fault<SendLetter>>
{
    public async Task Consume(ConsumeContext<Fault<SendLetter>> context)
    {
        var letter = context.Message.Message;
        var entry = await db.InboxMessages.AsNoTracking().Include(m => m.Deliveries)
            .FirstOrDefaultAsync(m => m.MessageId == letter.MessageId, context.CancellationToken);
        if (entry is { Status: InboxStatus.Sent or InboxStatus.Failed })
        {
            return;
        }

        var cause = context.Message.Exceptions.FirstOrDefault()?.ExceptionType ?? "onbekende fout";
        var sent = entry?.Deliveries.Count(d => d.Status != DeliveryStatus.Pending) ?? 0;
        var total = entry?.Deliveries.Count ?? 0;
        var reason = $"Verzenden is na herhaalde pogingen mislukt ({cause}); {sent} van {total} e-mails zijn verstuurd. "
            + "Het bericht staat in de foutwachtrij; wordt het teruggezet, dan gaat de rest alsnog.";
        logger.LogWarning("Letter {LetterMessageId} failed after all retries: {Cause}", letter.MessageId, cause);
        var failed = new LetterFailed(MessageIds.Event(letter.MessageId, "failed"), letter.MessageId, letter.ComplaintId, letter.CaseReference,
            letter.LetterKind, reason, time.UtcNow());
        await context.Publish(failed, c => c.MessageId = MessageIds.Guid(failed.MessageId), context.CancellationToken);
    }
}
