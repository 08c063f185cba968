using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Klachten.Server.Persistence;

internal sealed class PostgreSqlKlachtenDbContext(DbContextOptions<PostgreSqlKlachtenDbContext> options) : KlachtenDbContext(options)
{
    public override Task LockDefinitionAsync(string definitionId, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"SELECT 1 FROM workflow_definitions WHERE definition_id = {definitionId} FOR UPDATE", cancellationToken);

    public const string TimerChannel = "klachten_timers";

    // Delivered only if the transaction commits, so listeners never chase a rolled-back timer.
    public override Task NotifyTimersAsync(CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"SELECT pg_notify({TimerChannel}, '')", cancellationToken);

    public override Task LockInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"SELECT 1 FROM workflow_instances WHERE id = {instanceId} FOR UPDATE", cancellationToken);

    // SKIP LOCKED lets every node claim a different batch at the same time without waiting on each other.
    public override Task<List<string>> ClaimDueTimersAsync(DateTimeOffset now, DateTimeOffset leaseUntil, string owner, int batchSize, CancellationToken cancellationToken) =>
        Database.SqlQuery<string>($"""
            UPDATE bookmarks SET lease_owner = {owner}, lease_until = {leaseUntil}
            WHERE id IN (
                SELECT id FROM bookmarks
                WHERE kind = 'Timer' AND due_at <= {now} AND (lease_until IS NULL OR lease_until < {now})
                  AND instance_id IN (SELECT id FROM workflow_instances WHERE status = 'Running')
                ORDER BY due_at
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);

    public override Task<List<string>> ClaimOutboxAsync(DateTimeOffset now, DateTimeOffset leaseUntil, string owner, int batchSize, int maxAttempts, CancellationToken cancellationToken) =>
        Database.SqlQuery<string>($"""
            UPDATE outbox_messages SET lease_owner = {owner}, lease_until = {leaseUntil}
            WHERE id IN (
                SELECT id FROM outbox_messages
                WHERE sent_at IS NULL AND attempts < {maxAttempts} AND (lease_until IS NULL OR lease_until < {now})
                ORDER BY created_at
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);

    public override Task EnsureDefinitionRowAsync(string definitionId, string name, DateTimeOffset now, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync(
            $"INSERT INTO workflow_definitions (definition_id, name, created_at, latest_version) VALUES ({definitionId}, {name}, {now}, 0) ON CONFLICT (definition_id) DO NOTHING",
            cancellationToken);

    protected override bool IsProviderConflict(Exception exception) =>
        exception is PostgresException
        {
            SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure,
        };
}
