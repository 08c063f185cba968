using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Klachten.Server.Persistence;

internal sealed class SqliteKlachtenDbContext(DbContextOptions<SqliteKlachtenDbContext> options) : KlachtenDbContext(options)
{
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    // Microsoft.Data.Sqlite starts transactions with BEGIN IMMEDIATE: the write lock is already held.
    public override Task LockDefinitionAsync(string definitionId, CancellationToken cancellationToken) => Task.CompletedTask;

    // SQLite serialises writers: the transaction's write lock is the instance lock.
    public override Task LockInstanceAsync(string instanceId, CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task<List<string>> ClaimDueTimersAsync(DateTimeOffset now, DateTimeOffset leaseUntil, string owner, int batchSize, CancellationToken cancellationToken)
    {
        var converter = new DateTimeOffsetToBinaryConverter();
        var nowValue = (long)converter.ConvertToProvider(now)!;
        var untilValue = (long)converter.ConvertToProvider(leaseUntil)!;
        return Database.SqlQuery<string>($"""
            UPDATE bookmarks SET lease_owner = {owner}, lease_until = {untilValue}
            WHERE id IN (
                SELECT id FROM bookmarks
                WHERE kind = 'Timer' AND due_at <= {nowValue} AND (lease_until IS NULL OR lease_until < {nowValue})
                  AND instance_id IN (SELECT id FROM workflow_instances WHERE status = 'Running')
                ORDER BY due_at
                LIMIT {batchSize})
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
    }

    public override Task<List<string>> ClaimOutboxAsync(DateTimeOffset now, DateTimeOffset leaseUntil, string owner, int batchSize, int maxAttempts, CancellationToken cancellationToken)
    {
        var converter = new DateTimeOffsetToBinaryConverter();
        var nowValue = (long)converter.ConvertToProvider(now)!;
        var untilValue = (long)converter.ConvertToProvider(leaseUntil)!;
        return Database.SqlQuery<string>($"""
            UPDATE outbox_messages SET lease_owner = {owner}, lease_until = {untilValue}
            WHERE id IN (
                SELECT id FROM outbox_messages
                WHERE sent_at IS NULL AND attempts < {maxAttempts} AND (lease_until IS NULL OR lease_until < {nowValue})
                ORDER BY created_at
                LIMIT {batchSize})
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
    }

    public override Task EnsureDefinitionRowAsync(string definitionId, string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Raw SQL bypasses the value converter, so store the instant the way the converter would.
        var createdAt = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(now)!;
        return Database.ExecuteSqlAsync(
            $"INSERT INTO workflow_definitions (definition_id, name, created_at, latest_version) VALUES ({definitionId}, {name}, {createdAt}, 0) ON CONFLICT (definition_id) DO NOTHING",
            cancellationToken);
    }

    protected override bool IsProviderConflict(Exception exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey };

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset text; stored as a sortable integer instead (always UTC).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
