using Microsoft.EntityFrameworkCore;

using Klachten.Server.Common;

namespace Klachten.Server.Persistence;

/// <summary>Applies the provider's generated migrations. Run at start in Development and by <c>--migrate</c> elsewhere.</summary>
internal sealed class DatabaseMigrator(KlachtenDbContext db, ILogger<DatabaseMigrator> logger)
{
    private const long MigrationLockKey = 72_420_001;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers work while a step commits; the setting is stored in the file.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }

        if (db.Database.IsNpgsql())
        {
            // Replicas starting together must not run the same migration twice; EF uses the held connection.
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        else
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        logger.LogInformation("Database migrated: {MigrationCount} migrations applied", pending.Count);
    }
}
