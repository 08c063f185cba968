using Klachten.ServiceDefaults.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Klachten.Archive.Persistence;

/// <summary>The archive's tables on the shared persistence kit: the same provider setting as the server, its own connection if given.</summary>
internal static class ArchiveDatabase
{
    // Without a connection string the embedded default is the server's SQLite file (one process, one database), so
    // the history table is not the server's. Readiness checks: archive-database, archive-migrations.
    public static readonly DatabaseProfile Profile = new("archive", MigrationLockKey: 72_420_007, ["Archive", "Klachten"], "klachten.db",
        SqliteHistoryTable: "__archive_migrations_history", PostgreSqlArchiveDbContext.SchemaName, HealthCheckPrefix: "archive-");

    public static void AddArchiveDatabase(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ArchiveDbContext, SqliteArchiveDbContext, PostgreSqlArchiveDbContext>(Profile);
        builder.Services.AddHostedService<DatabaseStartup<ArchiveDbContext>>();
    }
}
