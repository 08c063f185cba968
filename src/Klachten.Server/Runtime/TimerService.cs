using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Klachten.Server.Runtime;

/// <summary>
/// Fires due timers on every node. A round claims a batch (oldest first, rows held by other nodes skipped) under a
/// lease, then resumes each bookmark in its own step; a bookmark already resumed elsewhere is a no-op, so a timer
/// fires once even when a node dies mid-batch and its lease runs out. Pending timers stay in the database:
/// start-up reads none of them. Workflows that start on a schedule fire here too (<see cref="ScheduledTriggers"/>).
/// </summary>
internal sealed class TimerService(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    TimerSignal signal,
    IHostApplicationLifetime lifetime,
    IOptions<RuntimeOptions> options,
    ILogger<TimerService> logger) : BackgroundService
{
    private readonly SemaphoreSlim _round = new(1, 1);

    /// <summary>Fires every timer that is due now, round after round; returns how many fired.</summary>
    public async Task<int> FireAllDueAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int fired;
        do
        {
            fired = await FireDueBatchAsync(cancellationToken) + await ScheduledTriggers.FireDueAsync(scopes, clock, options.Value.TimerBatchSize, logger, cancellationToken);
            total += fired;
        }
        while (fired > 0);

        return total;
    }

    public override void Dispose()
    {
        _round.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Start-up tasks (migrations, seeding) finish before the first claim; the server answers meanwhile.
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.TimerPollInterval;
            try
            {
                var claimed = await FireDueBatchAsync(stoppingToken);
                var startedOnSchedule = await ScheduledTriggers.FireDueAsync(scopes, clock, options.Value.TimerBatchSize, logger, stoppingToken);
                if (claimed >= options.Value.TimerBatchSize || startedOnSchedule >= options.Value.TimerBatchSize)
                {
                    continue;
                }

                wait = await UntilNextDueAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A database outage must not stop the loop; the next round retries.
                logger.LogError(ex, "Timer round failed");
            }

            await signal.WaitAsync(wait, clock, stoppingToken);
        }
    }

    private async Task ReleaseAsync(List<string> bookmarkIds)
    {
        if (bookmarkIds.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();
        var owner = options.Value.NodeName;
        await db.Bookmarks.Where(b => bookmarkIds.Contains(b.Id) && b.LeaseOwner == owner)
            .ExecuteUpdateAsync(b => b.SetProperty(x => x.LeaseOwner, (string?)null).SetProperty(x => x.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
    }

    // Sleep until the next timer is due (capped by the poll interval, which also bounds what another node adds).
    private async Task<TimeSpan> UntilNextDueAsync(TimeSpan cap, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = clock.GetUtcNow();
        var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();
        var next = Earliest(await db.NextTimerDueAsync(now, cancellationToken), await ScheduledTriggers.NextDueAsync(db, cancellationToken));
        if (next is null)
        {
            return cap;
        }

        var until = next.Value - now;
        return until <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(10) : until < cap ? until : cap;
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>Claims and fires one batch; returns the number of timers claimed.</summary>
    private async Task<int> FireDueBatchAsync(CancellationToken cancellationToken)
    {
        await _round.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            List<string> claimed;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                claimed = await db.ClaimDueTimersAsync(now, now + options.Value.TimerLease, options.Value.NodeName, options.Value.TimerBatchSize, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            if (claimed.Count == 0)
            {
                return 0;
            }

            var fired = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
            try
            {
                await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = options.Value.TimerParallelism, CancellationToken = cancellationToken },
                    async (bookmarkId, ct) =>
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
                        await runtime.ResumeAsync(bookmarkId, input: null, guard: null, ct);
                        fired[bookmarkId] = true;
                    });
            }
            catch (OperationCanceledException)
            {
                // Stopping: hand the unfired part of the batch back now instead of letting it wait out the lease.
                await ReleaseAsync(claimed.Where(id => !fired.ContainsKey(id)).ToList());
                throw;
            }
            logger.LogDebug("Fired {TimerCount} timers", claimed.Count);
            return claimed.Count;
        }
        finally
        {
            _round.Release();
        }
    }
}
