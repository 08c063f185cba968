using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Klachten.Server.Persistence;

internal sealed class PostgreSqlKlachtenDbContext(DbContextOptions<PostgreSqlKlachtenDbContext> options) : KlachtenDbContext(options)
{
    public override Task LockDefinitionAsync(string definitionId, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"SELECT 1 FROM workflow_definitions WHERE definition_id = {definitionId} FOR UPDATE", cancellationToken);

    public override bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
