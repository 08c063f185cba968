using Klachten.Contracts;
using Klachten.Server.Features.Complaints;
using Klachten.Server.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Messaging;

/// <summary>A letter reported sent: the case shows it with its hash and instant. Idempotent: a repeat changes nothing.</summary>
internal sealed class LetterSentConsumer(KlachtenDbContext db) : IConsumer<LetterSent>
{
    public async Task Consume(ConsumeContext<LetterSent> context)
    {
        var message = context.Message;
        var letter = await db.Letters.FirstOrDefaultAsync(l => l.Id == message.LetterMessageId, context.CancellationToken);
        if (letter is null || letter.Status == "Sent")
        {
            return;
        }

        letter.Status = "Sent";
        letter.SentAt = message.SentAt.ToUniversalTime();
        letter.Sha256 = message.Sha256;
        var how = message.PrintedFor.Count > 0 ? $" (per post aan {message.PrintedFor.Count} geadresseerde(n))" : string.Empty;
        db.ComplaintEvents.Add(new ComplaintEventEntity { ComplaintId = letter.ComplaintId, At = message.SentAt.ToUniversalTime(), Kind = "LetterSent", Text = $"Brief '{letter.Kind}' verzonden{how}." });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}

/// <summary>A letter that could not be sent shows on the case, so someone acts on it.</summary>
internal sealed class LetterFailedConsumer(KlachtenDbContext db) : IConsumer<LetterFailed>
{
    public async Task Consume(ConsumeContext<LetterFailed> context)
    {
        var message = context.Message;
        var letter = await db.Letters.FirstOrDefaultAsync(l => l.Id == message.LetterMessageId, context.CancellationToken);
        if (letter is null || letter.Status is "Failed" or "Sent")
        {
            return;
        }

        letter.Status = "Failed";
        db.ComplaintEvents.Add(new ComplaintEventEntity { ComplaintId = letter.ComplaintId, At = message.FailedAt.ToUniversalTime(), Kind = "LetterFailed", Text = $"Brief '{letter.Kind}' kon niet worden verzonden: {message.Reason}" });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
