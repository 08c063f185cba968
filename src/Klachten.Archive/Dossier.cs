using System.Security.Cryptography;
using Klachten.Archive.Persistence;
using Klachten.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Klachten.Archive;

/// <summary>A document to keep, whichever message brought it.</summary>
internal sealed record NewDocument(
    string SourceMessageId, Guid ComplaintId, string CaseReference, string Kind, string ContentType, string Author, byte[] Content, DateTimeOffset CreatedAt);

/// <summary>What storing did: <paramref name="Document"/> is null only when an earlier delivery stored it and retention has deleted it since.</summary>
internal sealed record StoreResult(ArchivedDocument? Document, bool Duplicate);

/// <summary>
/// Writes the dossier. Every change commits in one transaction with its inbox row, under the case's lock: a message
/// delivered again (or twice at once) finds its inbox row and changes nothing.
/// </summary>
internal sealed class Dossier(ArchiveDbContext db, TimeProvider clock, IOptions<ArchiveOptions> options)
{
    public async Task<StoreResult> StoreAsync(string consumer, NewDocument document, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockCaseAsync(document.ComplaintId, cancellationToken);
        if (await IsProcessedAsync(consumer, document.SourceMessageId, cancellationToken))
        {
            var existing = await db.Documents.AsNoTracking()
                .SingleOrDefaultAsync(d => d.SourceMessageId == document.SourceMessageId, cancellationToken);
            return new StoreResult(existing, Duplicate: true);
        }

        // A case that closed before this document arrived already has its retention date.
        var retainUntil = await db.Cases.AsNoTracking()
            .Where(c => c.ComplaintId == document.ComplaintId)
            .Select(c => (DateOnly?)c.RetainUntil)
            .SingleOrDefaultAsync(cancellationToken);
        var now = Now();
        var stored = new ArchivedDocument
        {
            Id = Guid.CreateVersion7(now),
            ComplaintId = document.ComplaintId,
            CaseReference = document.CaseReference,
            Kind = document.Kind,
            ContentType = document.ContentType,
            Author = document.Author,
            Content = document.Content,
            Sha256 = Sha256Of(document.Content),
            Size = document.Content.LongLength,
            CreatedAt = document.CreatedAt.ToUniversalTime(),
            ArchivedAt = now,
            SourceMessageId = document.SourceMessageId,
            RetainUntil = retainUntil,
        };
        db.Documents.Add(stored);
        MarkProcessed(consumer, document.SourceMessageId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new StoreResult(stored, Duplicate: false);
    }

    /// <summary>Records the closure and dates every document of the case. False when the message was handled before.</summary>
    public async Task<bool> CloseCaseAsync(string consumer, CaseClosed message, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockCaseAsync(message.ComplaintId, cancellationToken);
        if (await IsProcessedAsync(consumer, message.MessageId, cancellationToken))
        {
            return false;
        }

        var retainUntil = RetainUntil(message.ClosedAt);
        var closed = await db.Cases.SingleOrDefaultAsync(c => c.ComplaintId == message.ComplaintId, cancellationToken);
        if (closed is null)
        {
            closed = new ArchivedCase { ComplaintId = message.ComplaintId };
            db.Cases.Add(closed);
        }

        closed.CaseReference = message.CaseReference;
        closed.ClosedAt = message.ClosedAt.ToUniversalTime();
        closed.Status = message.Status;
        closed.RetainUntil = retainUntil;
        MarkProcessed(consumer, message.MessageId);
        await db.SaveChangesAsync(cancellationToken);
        await db.Documents.Where(d => d.ComplaintId == message.ComplaintId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.RetainUntil, (DateOnly?)retainUntil), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The last day a closed case's dossier is kept: its closing date in the Netherlands plus the retention years.</summary>
    public DateOnly RetainUntil(DateTimeOffset closedAt) => AmsterdamTime.Today(closedAt).AddYears(options.Value.RetentionYears);

    public static string Sha256Of(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private Task<bool> IsProcessedAsync(string consumer, string messageId, CancellationToken cancellationToken) =>
        db.Inbox.AnyAsync(m => m.Consumer == consumer && m.MessageId == messageId, cancellationToken);

    private void MarkProcessed(string consumer, string messageId) =>
        db.Inbox.Add(new InboxMessage { Consumer = consumer, MessageId = messageId, ProcessedAt = Now() });

    // PostgreSQL stores instants only with offset zero; a TimeProvider need not return them that way.
    private DateTimeOffset Now() => clock.GetUtcNow().ToUniversalTime();
}
