using Microsoft.EntityFrameworkCore;

namespace Klachten.ServiceDefaults.Persistence;

/// <summary>
/// What sets one service's database apart from the others'; the rest of the persistence kit is shared. Each service
/// declares one profile next to its contexts.
/// </summary>
/// <param name="Name">How messages and health checks name the database: <c>server</c>, <c>notifications</c>, <c>archive</c>.</param>
/// <param name="MigrationLockKey">The PostgreSQL advisory lock held while migrating: distinct per service, since services may migrate one database at the same time.</param>
/// <param name="ConnectionStringNames">Connection strings tried in order, e.g. the service's own, then <c>Klachten</c>.</param>
/// <param name="SqliteFileName">The default file in the data folder when no connection string is set.</param>
/// <param name="SqliteHistoryTable">The migration history table on SQLite, which has no schemas to keep services apart.</param>
/// <param name="PostgreSqlSchema">The service's schema on PostgreSQL (null: the default schema).</param>
/// <param name="HealthCheckPrefix">Prefix of the readiness checks' names (<c>database</c>, <c>migrations</c>).</param>
public sealed record DatabaseProfile(
    string Name,
    long MigrationLockKey,
    IReadOnlyList<string> ConnectionStringNames,
    string SqliteFileName,
    string SqliteHistoryTable,
    string? PostgreSqlSchema,
    string HealthCheckPrefix)
{
    /// <summary>The history table's name on PostgreSQL, in the service's schema.</summary>
    public const string PostgreSqlHistoryTable = "__ef_migrations_history";

    /// <summary>Configures a context for this service's tables on the given provider.</summary>
    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString) =>
        provider == DatabaseProvider.PostgreSql
            ? builder.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(PostgreSqlHistoryTable, PostgreSqlSchema)).UseSnakeCaseNamingConvention()
            : builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable(SqliteHistoryTable)).UseSnakeCaseNamingConvention().WithSqliteDurability();
}
