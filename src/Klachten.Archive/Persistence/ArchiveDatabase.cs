using Klachten.ServiceDefaults.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Klachten.Archive.Persistence;

/// <summary>The archive's tables on the shared persistence kit: the same provider setting as the server, its own connection if given.</summary>
internal static class ArchiveDatabase
{
    /// <summary>Readiness checks <c>archive-database</c> and <c>archive-migrations</c>.</summary>
    public static readonly DatabaseProfile Profile = new(
        Name: "archive",
        MigrationLockKey: 72_420_007,
        ConnectionStringNames: ["Archive", "Klachten"],

        // The embedded default without a connection string: the server's SQLite file, so one process keeps one database.
        SqliteFileName: "klachten.db",

        // Not the server's history table: on SQLite both may live in one file.
        SqliteHistoryTable: "__archive_migrations_history",
        PostgreSqlSchema: PostgreSqlArchiveDbContext.SchemaName,
        HealthCheckPrefix: "archive-");

    public static void AddArchiveDatabase(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ArchiveDbContext, SqliteArchiveDbContext, PostgreSqlArchiveDbContext>(Profile);
        builder.Services.AddHostedService<ArchiveStartup>();
    }
}
