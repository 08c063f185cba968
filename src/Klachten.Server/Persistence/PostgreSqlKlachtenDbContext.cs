using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Klachten.Server.Persistence;

internal sealed class PostgreSqlKlachtenDbContext(DbContextOptions<PostgreSqlKlachtenDbContext> options) : KlachtenDbContext(options)
{
    public override Task LockDefinitionAsync(string definitionId, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"SELECT 1 FROM workflow_definitions WHERE definition_id = {definitionId} FOR UPDATE", cancellationToken);

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
