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

    public override bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey };

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset text; stored as a sortable integer instead (always UTC).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
