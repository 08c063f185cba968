using Klachten.Contracts;
using Klachten.Server.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Klachten.Server.Features.Complaints;

/// <summary>A letter reported sent: the case shows it with its hash and instant. Idempotent: a repeat changes nothing.</summary>
internal sealed class LetterSentConsumer(KlachtenDbContext db) : IConsumer<LetterSent>
{
    public Task Consume(ConsumeContext<LetterSent> context)
    {
        var message = context.Message;
        var sentAt = message.SentAt.ToUniversalTime();
        var how = message.PrintedFor.Count > 0 ? $" (per post aan {message.PrintedFor.Count} geadresseerde(n))" : string.Empty;

        // The PDF is kept only when it is the document the hash names; the hash is recorded either way.
        var pdf = message.Pdf is { Length: > 0 } bytes && Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)) == message.Sha256 ? bytes : null;
        return LetterOutcome.RecordAsync(
            db,
            message.LetterMessageId,
            whenNotAlready: LetterStatus.Sent,
            set: l => l.SetProperty(x => x.Status, LetterStatus.Sent).SetProperty(x => x.SentAt, sentAt).SetProperty(x => x.Sha256, message.Sha256).SetProperty(x => x.Pdf, pdf),
            line: letter => new ComplaintEventEntity { ComplaintId = letter.ComplaintId, At = sentAt, Kind = "LetterSent", Text = $"Brief '{DutchLabels.LetterKind(letter.Kind)}' verzonden{how}." },
            context.CancellationToken);
    }
}

/// <summary>A letter that could not be sent shows on the case, so someone acts on it.</summary>
internal sealed class LetterFailedConsumer(KlachtenDbContext db) : IConsumer<LetterFailed>
{
    public Task Consume(ConsumeContext<LetterFailed> context)
    {
        var message = context.Message;
        return LetterOutcome.RecordAsync(
            db,
            message.LetterMessageId,
            whenNotAlready: LetterStatus.Failed,
            set: l => l.SetProperty(x => x.Status, LetterStatus.Failed),
            line: letter => new ComplaintEventEntity { ComplaintId = letter.ComplaintId, At = message.FailedAt.ToUniversalTime(), Kind = "LetterFailed", Text = $"Brief '{DutchLabels.LetterKind(letter.Kind)}' kon niet worden verzonden: {message.Reason}" },
            context.CancellationToken);
    }
}

/// <summary>
/// A letter whose every retry failed (its message now sits in the error queue) shows on the case as failed, so it is
/// not lost from sight; an operator can move it back from the error queue once the cause is fixed.
/// </summary>
internal sealed class LetterFaultConsumer(KlachtenDbContext db, TimeProvider clock) : IConsumer<Fault<SendLetter>>
{
    public Task Consume(ConsumeContext<Fault<SendLetter>> context)
    {
        var reason = context.Message.Exceptions.FirstOrDefault()?.ExceptionType ?? "onbekende fout";
        return LetterOutcome.RecordAsync(
            db,
            context.Message.Message.MessageId,
            whenNotAlready: LetterStatus.Failed,
            set: l => l.SetProperty(x => x.Status, LetterStatus.Failed),
            line: letter => new ComplaintEventEntity
            {
                ComplaintId = letter.ComplaintId,
                At = clock.GetUtcNow(),
                Kind = "LetterFailed",
                Text = $"Brief '{DutchLabels.LetterKind(letter.Kind)}' is na herhaalde pogingen niet verzonden ({reason}); het bericht staat in de foutwachtrij.",
            },
            context.CancellationToken);
    }
}

internal static class LetterOutcome
{
    /// <summary>
    /// Changes a letter's status and adds its timeline line in one transaction, so a reader never sees the one without
    /// the other and a crash loses neither. The conditional update is the idempotency check: of two copies handled at
    /// once, one changes the row. A sent letter stays sent whatever arrives later.
    /// </summary>
    public static async Task RecordAsync(
        KlachtenDbContext db,
        string letterId,
        LetterStatus whenNotAlready,
        Action<UpdateSettersBuilder<LetterEntity>> set,
        Func<LetterEntity, ComplaintEventEntity> line,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.Letters.Where(l => l.Id == letterId && l.Status != whenNotAlready && l.Status != LetterStatus.Sent)
            .ExecuteUpdateAsync(set, cancellationToken);
        if (changed != 1)
        {
            return;
        }

        var letter = await db.Letters.AsNoTracking().FirstAsync(l => l.Id == letterId, cancellationToken);
        db.ComplaintEvents.Add(line(letter));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
