using System.Security.Cryptography;
using System.Text;
using Klachten.Server.Features.Definitions;
using Klachten.Server.Persistence;
using Klachten.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Runtime;

/// <summary>
/// Workflows that start on a schedule (Timer, StartAt, Cron marked "can start workflow"). Publishing writes the
/// schedule (<see cref="DefinitionStore"/>); firing locks the row, starts the instance at the trigger and moves the row to its next occurrence in one
/// transaction, so each occurrence starts exactly one instance however many nodes race for it, and a node that dies
/// mid-start leaves the occurrence to the next round.
/// </summary>
internal static class ScheduledTriggers
{
    /// <summary>The earliest due moment of any schedule.</summary>
    public static Task<DateTimeOffset?> NextDueAsync(KlachtenDbContext db, CancellationToken cancellationToken) =>
        db.TriggerSchedules.OrderBy(t => t.DueAt).Select(t => (DateTimeOffset?)t.DueAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Fires every schedule due now, one transaction each; returns how many instances started.</summary>
    public static async Task<int> FireDueAsync(IServiceScopeFactory scopes, TimeProvider clock, int batchSize, ILogger logger, CancellationToken cancellationToken)
    {
        List<string> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = clock.GetUtcNow();
            due = await scope.ServiceProvider.GetRequiredService<KlachtenDbContext>().TriggerSchedules.AsNoTracking()
                .Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).Take(batchSize).Select(t => t.Id).ToListAsync(cancellationToken);
        }

        var started = 0;
        foreach (var id in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                started += await FireAsync(scope.ServiceProvider, id, clock, cancellationToken) ? 1 : 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && scope.ServiceProvider.GetRequiredService<KlachtenDbContext>().IsConcurrencyConflict(ex))
            {
                // Another node started this occurrence at the same moment.
                logger.LogDebug("Scheduled start {ScheduleId} was fired by another node", id);
            }
        }

        return started;
    }

    private static async Task<bool> FireAsync(IServiceProvider services, string id, TimeProvider clock, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<KlachtenDbContext>();
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var row = await LockAsync(db, id, cancellationToken);
        if (row is null || row.DueAt > now)
        {
            // Fired (and moved on) or removed by someone else since we looked.
            return false;
        }

        var definition = await services.GetRequiredService<DefinitionCache>().GetAsync(db, row.DefinitionVersionId, cancellationToken);
        var start = definition is null ? null : ScheduledStarts.Find(definition).FirstOrDefault(s => s.ActivityId == row.ActivityId);
        RunResult? result = null;
        if (start is not null)
        {
            result = await runtime.StartWithinAsync(row.DefinitionId, input: null, correlationId: null, cancellationToken,
                instanceId: OccurrenceInstanceId(row), versionOptions: new VersionOptions(VersionSelector.Published), triggerActivityId: row.ActivityId);
        }

        if (start?.NextDue(row.DueAt, now) is { } next)
        {
            row.DueAt = next;
            row.Fired++;
        }
        else
        {
            db.TriggerSchedules.Remove(row);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        if (result is not null)
        {
            runtime.AfterCommit(result);
        }

        return result is not null;
    }

    // PostgreSQL: a row another node is firing is skipped, not waited for. SQLite: the transaction holds the write lock.
    private static Task<TriggerScheduleEntity?> LockAsync(KlachtenDbContext db, string id, CancellationToken cancellationToken) =>
        db is PostgreSqlKlachtenDbContext
            ? db.TriggerSchedules.FromSql($"SELECT * FROM trigger_schedules WHERE id = {id} FOR UPDATE SKIP LOCKED").FirstOrDefaultAsync(cancellationToken)
            : db.TriggerSchedules.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

    // One id per occurrence: even a start that slipped past the lock would collide on the instance's primary key.
    private static string OccurrenceInstanceId(TriggerScheduleEntity row) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"{row.Id}:{row.Fired}"))[..16]).ToString("N");
}
