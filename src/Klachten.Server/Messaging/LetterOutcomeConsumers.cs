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
        var sentAt = message.SentAt.ToUniversalTime();

        // The conditional update is the idempotency check: of two copies handled at once, one changes the row.
        var changed = await db.Letters.Where(l => l.Id == message.LetterMessageId && l.Status != "Sent")
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.Status, "Sent").SetProperty(x => x.SentAt, sentAt).SetProperty(x => x.Sha256, message.Sha256), context.CancellationToken);
        var letter = changed == 1 ? await db.Letters.AsNoTracking().FirstAsync(l => l.Id == message.LetterMessageId, context.CancellationToken) : null;
        if (letter is null)
        {
            return;
        }

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
        var changed = await db.Letters.Where(l => l.Id == message.LetterMessageId && l.Status != "Failed" && l.Status != "Sent")
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.Status, "Failed"), context.CancellationToken);
        var letter = changed == 1 ? await db.Letters.AsNoTracking().FirstAsync(l => l.Id == message.LetterMessageId, context.CancellationToken) : null;
        if (letter is null)
        {
            return;
        }

        db.ComplaintEvents.Add(new ComplaintEventEntity { ComplaintId = letter.ComplaintId, At = message.FailedAt.ToUniversalTime(), Kind = "LetterFailed", Text = $"Brief '{letter.Kind}' kon niet worden verzonden: {message.Reason}" });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}

/// <summary>
/// A letter whose every retry failed (its message now sits in the error queue) shows on the case as failed, so it is
/// not lost from sight; an operator can move it back from the error queue once the cause is fixed.
/// </summary>
internal sealed class LetterFaultConsumer(KlachtenDbContext db, TimeProvider clock) : IConsumer<Fault<SendLetter>>
{
    public async Task Consume(ConsumeContext<Fault<SendLetter>> context)
    {
        var id = context.Message.Message.MessageId;
        var changed = await db.Letters.Where(l => l.Id == id && l.Status != "Failed" && l.Status != "Sent")
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.Status, "Failed"), context.CancellationToken);
        var letter = changed == 1 ? await db.Letters.AsNoTracking().FirstAsync(l => l.Id == id, context.CancellationToken) : null;
        if (letter is null)
        {
            return;
        }

        var reason = context.Message.Exceptions.FirstOrDefault()?.ExceptionType ?? "onbekende fout";
        db.ComplaintEvents.Add(new ComplaintEventEntity
        {
            ComplaintId = letter.ComplaintId,
            At = clock.GetUtcNow(),
            Kind = "LetterFailed",
            Text = $"Brief '{letter.Kind}' is na herhaalde pogingen niet verzonden ({reason}); het bericht staat in de foutwachtrij.",
        });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
