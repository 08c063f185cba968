using System.Collections.Concurrent;
using Klachten.Server.Persistence;
using Klachten.Server.Runtime;
using Klachten.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Klachten.Server.Features.HttpRequests;

/// <summary>
/// Sends the requests workflows queued (<see cref="BookmarkKind.HttpRequest"/> bookmarks, written in the step's own
/// transaction) on every node. A round claims unclaimed requests under a lease, one conditional update each, so two
/// nodes never both send one; each is sent and its bookmark resumed with the outcome in a step of its own. A node that
/// dies after sending but before the resume commits leaves the claim to run out, and another node sends again:
/// delivery is at least once, so receivers should treat a repeat as harmless.
/// </summary>
internal sealed class HttpRequestWorker(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    HttpRequestSignal signal,
    IHostApplicationLifetime lifetime,
    IOptionsMonitor<WorkflowHttpRequestOptions> options,
    IOptions<RuntimeOptions> runtime,
    ILogger<HttpRequestWorker> logger) : BackgroundService
{
    private const string Kind = nameof(BookmarkKind.HttpRequest);
    private readonly SemaphoreSlim _round = new(1, 1);

    /// <summary>Sends every request that is queued now, round after round; returns how many were sent.</summary>
    public async Task<int> SendAllQueuedAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int sent;
        while ((sent = await SendBatchAsync(cancellationToken)) > 0)
        {
            total += sent;
        }

        return total;
    }

    public override void Dispose()
    {
        _round.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendAllQueuedAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A database outage must not stop the loop; the next round retries.
                logger.LogError(ex, "HTTP request round failed");
            }

            // Real time, also under the manual clock: the poll only bounds how late another node's request is seen.
            await signal.WaitAsync(options.CurrentValue.PollInterval, TimeProvider.System, stoppingToken);
        }
    }

    private async Task<int> SendBatchAsync(CancellationToken cancellationToken)
    {
        await _round.WaitAsync(cancellationToken);
        try
        {
            var claimed = await ClaimAsync(cancellationToken);
            if (claimed.Count == 0)
            {
                return 0;
            }

            var done = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
            try
            {
                await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = options.CurrentValue.Parallelism, CancellationToken = cancellationToken },
                    async (claim, ct) =>
                    {
                        await SendOneAsync(claim.BookmarkId, claim.InstanceId, ct);
                        done[claim.BookmarkId] = true;
                    });
            }
            catch (OperationCanceledException)
            {
                // Stopping: hand back what was not sent, so another node need not wait out the lease.
                await ReleaseAsync([.. claimed.Where(c => !done.ContainsKey(c.BookmarkId)).Select(c => c.BookmarkId)]);
                throw;
            }

            return claimed.Count;
        }
        finally
        {
            _round.Release();
        }
    }

    private async Task<List<(string BookmarkId, string InstanceId)>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();
        var now = clock.GetUtcNow();
        var candidates = await db.Bookmarks.AsNoTracking()
            .Where(b => b.Kind == Kind && (b.LeaseUntil == null || b.LeaseUntil < now)
                && db.WorkflowInstances.Any(i => i.Id == b.InstanceId && i.Status == "Running"))
            .OrderBy(b => b.CreatedAt)
            .Select(b => new { b.Id, b.InstanceId })
            .Take(options.CurrentValue.Parallelism * 4)
            .ToListAsync(cancellationToken);
        var claimed = new List<(string, string)>();
        var until = now + options.CurrentValue.Lease;
        var owner = runtime.Value.NodeName;
        foreach (var candidate in candidates)
        {
            // The condition is checked again under the row's lock: of two nodes racing, one updates and one finds none.
            var updated = await db.Bookmarks
                .Where(b => b.Id == candidate.Id && (b.LeaseUntil == null || b.LeaseUntil < now))
                .ExecuteUpdateAsync(b => b.SetProperty(x => x.LeaseOwner, owner).SetProperty(x => x.LeaseUntil, until), cancellationToken);
            if (updated == 1)
            {
                claimed.Add((candidate.Id, candidate.InstanceId));
            }
        }

        return claimed;
    }

    private async Task SendOneAsync(string bookmarkId, string instanceId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();
        var stateJson = await db.WorkflowInstances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.StateJson).FirstOrDefaultAsync(cancellationToken);
        var payload = stateJson is null ? null : WorkflowStateJson.Deserialize(stateJson).Bookmarks.FirstOrDefault(b => b.Id == bookmarkId)?.Payload;
        if (payload is null)
        {
            // Resumed or cancelled since the claim: nothing to send.
            return;
        }

        var input = await scope.ServiceProvider.GetRequiredService<HttpRequestSender>().SendAsync(payload, cancellationToken);
        var outcome = await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().ResumeAsync(bookmarkId, input, guard: null, cancellationToken);
        if (outcome.Status != StepStatus.Done)
        {
            logger.LogInformation("HTTP response not taken by instance {InstanceId}: {Status}", instanceId, outcome.Status);
        }
    }

    private async Task ReleaseAsync(List<string> bookmarkIds)
    {
        if (bookmarkIds.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var owner = runtime.Value.NodeName;
        await scope.ServiceProvider.GetRequiredService<KlachtenDbContext>().Bookmarks
            .Where(b => bookmarkIds.Contains(b.Id) && b.LeaseOwner == owner)
            .ExecuteUpdateAsync(b => b.SetProperty(x => x.LeaseOwner, (string?)null).SetProperty(x => x.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
    }
}
