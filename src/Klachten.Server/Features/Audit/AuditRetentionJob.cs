using Klachten.Archive;
using Klachten.Contracts;
using Klachten.Server.Persistence;
using Klachten.ServiceDefaults.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Klachten.Server.Features.Audit;

/// <summary>
/// Keeps a complaint's audit rows exactly as long as its dossier: the archive keeps a closed case's dossier through
/// its closing date (Europe/Amsterdam) plus <see cref="ArchiveOptions.RetentionYears"/> (<c>Klachten:Archive</c>, the
/// same key for the server and the archive worker), and deletes it from the day after. This job deletes the audit rows
/// of such complaints on the same day, at start and then every <see cref="ArchiveOptions.RetentionJobInterval"/>.
/// The closing instant is the complaint's "Closed" timeline event, written in the same transaction as the
/// <c>CaseClosed</c> message the archive dates the dossier by. Open cases keep their rows. Every node may run it;
/// deleting is idempotent.
/// </summary>
internal sealed class AuditRetentionJob(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    IOptions<ArchiveOptions> options,
    ILogger<AuditRetentionJob> logger) : BackgroundService
{
    public const string ClosedEventKind = "Closed";

    /// <summary>Deletes the rows whose dossier has passed its retention date on the day of <paramref name="now"/>; returns how many.</summary>
    public async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = AmsterdamTime.Today(now);
        var years = options.Value.RetentionYears;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();

        // Only closed complaints that still have rows; the date arithmetic is the archive's (Dossier.RetainUntil).
        var closed = await db.ComplaintEvents.AsNoTracking()
            .Where(e => e.Kind == ClosedEventKind && db.AuditEntries.Any(a => a.ComplaintId == e.ComplaintId))
            .Select(e => new { e.ComplaintId, e.At })
            .ToListAsync(cancellationToken);
        var expired = closed.GroupBy(e => e.ComplaintId)
            .Where(g => AmsterdamTime.Today(g.Max(e => e.At)).AddYears(years) < today)
            .Select(g => g.Key)
            .ToList();
        var deleted = 0;
        foreach (var batch in expired.Chunk(500))
        {
            deleted += await db.AuditEntries.Where(a => batch.Contains(a.ComplaintId)).ExecuteDeleteAsync(cancellationToken);
        }

        if (deleted > 0)
        {
            logger.LogInformation("Audit retention: deleted {AuditRowCount} rows of {ComplaintCount} closed complaints", deleted, expired.Count);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Start-up tasks (migrations in Development) finish before the first run.
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            try
            {
                await started.Task.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        await PeriodicRun.RunAsync(ct => RunOnceAsync(clock.GetUtcNow(), ct), options.Value.RetentionJobInterval, clock, logger, "Audit retention", stoppingToken);
    }
}
