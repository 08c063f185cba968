using Klachten.Contracts;
using Klachten.Server.Persistence;
using MassTransit;
using MassTransit.Mediator;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Messaging;

/// <summary>
/// How the relay delivers a row in the embedded default, where the notification and archive services run in this
/// process. The consumers are on MassTransit's mediator, not on the in-memory bus: <c>Publish</c> runs every consumer
/// of the message in-line and returns once each has committed, and what a consumer publishes in turn (the notification
/// service's <see cref="LetterSent"/> to the case and the archive, the archive's <see cref="DocumentArchived"/>) runs
/// in-line inside it, before it marks its own inbox entry done. A consumer that fails makes <c>Publish</c> throw.
/// So the relay marks a row sent only after everything it set off is on disk:
/// <list type="bullet">
/// <item>a crash before that leaves the row unsent, and the next start delivers it again;</item>
/// <item>the consumers' inboxes make the second delivery harmless: an e-mail recorded as handed over is not sent
/// again, a letter's inbox entry still Sending publishes its identical <see cref="LetterSent"/> again (a letter
/// already Sent on its case stays so, with one timeline line), the archive keeps a document once per message id;</item>
/// <item>a crash after the mark redelivers nothing, and nothing is missing.</item>
/// </list>
/// Nothing sits in memory between a commit and the next, so the in-memory bus's error and retry queues, which a
/// crash empties, play no part. A failing row is retried with back-off by the relay (counted in its attempts) while
/// the rows behind it go on; after <see cref="OutboxRelay.MaxAttempts"/> it is parked, and a parked letter shows as
/// failed on its case, as a letter in the error queue does with RabbitMQ.
/// </summary>
internal sealed class InProcessDelivery(IServiceProvider services, KlachtenDbContext db, TimeProvider clock, ILogger logger)
{
    private readonly IMediator _mediator = services.GetRequiredService<IMediator>();

    /// <summary>True when every consumer committed; false when one failed (the row is then set to wait and retry).</summary>
    public async Task<bool> DeliverAsync(OutboxMessageEntity row, object message, Type type, CancellationToken cancellationToken)
    {
        try
        {
            await _mediator.Publish(message, type, context => context.MessageId = Guid.Parse(row.Id), cancellationToken);
            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            var attempts = row.Attempts + 1;
            var retryAt = clock.GetUtcNow() + Backoff(attempts);
            logger.LogWarning(exception, "In-process delivery of outbox message {MessageId} ({MessageType}) failed, attempt {Attempt} of {MaxAttempts}",
                row.Id, row.MessageType, attempts, OutboxRelay.MaxAttempts);
            await db.OutboxMessages.Where(m => m.Id == row.Id)
                .ExecuteUpdateAsync(m => m.SetProperty(x => x.Attempts, attempts).SetProperty(x => x.LeaseUntil, retryAt), CancellationToken.None);
            if (attempts >= OutboxRelay.MaxAttempts && message is SendLetter letter)
            {
                await ReportParkedLetterAsync(letter, exception);
            }

            return false;
        }
    }

    /// <summary>
    /// SQLite in the embedded default is one process: rows still leased when it starts were leased by its previous run,
    /// which died before delivering them. They go out now instead of after their lease.
    /// </summary>
    public static async Task ReleaseLeasesOfPreviousRunAsync(IServiceScopeFactory scopes, string nodeName, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();
            if (!db.Database.IsSqlite())
            {
                return;
            }

            var released = await db.OutboxMessages.Where(m => m.SentAt == null && m.LeaseOwner != null && m.LeaseOwner != nodeName)
                .ExecuteUpdateAsync(m => m.SetProperty(x => x.LeaseOwner, (string?)null).SetProperty(x => x.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
            if (released > 0)
            {
                logger.LogInformation("Outbox: {Count} messages left by the previous run are delivered again", released);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Not fatal: the rows then go out once their leases have passed.
            logger.LogWarning(exception, "Outbox: could not release the leases of the previous run");
        }
    }

    private static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(Math.Pow(2, attempts), 60));

    private async Task ReportParkedLetterAsync(SendLetter letter, Exception exception)
    {
        var failed = new LetterFailed($"{letter.MessageId}:failed", letter.MessageId, letter.ComplaintId, letter.CaseReference, letter.LetterKind,
            $"Verzenden is na {OutboxRelay.MaxAttempts} pogingen mislukt ({exception.GetType().Name}); de brief wordt niet meer vanzelf opnieuw geprobeerd.",
            clock.GetUtcNow());
        try
        {
            await _mediator.Publish(failed, CancellationToken.None);
        }
        catch (Exception reportFailure)
        {
            logger.LogError(reportFailure, "Letter {LetterMessageId} is parked, and its case could not be told", letter.MessageId);
        }
    }
}
