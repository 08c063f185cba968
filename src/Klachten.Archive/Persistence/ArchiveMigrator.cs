using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Klachten.Archive.Persistence;

/// <summary>Applies the provider's generated migrations: at start in Development, by <c>--migrate</c> elsewhere.</summary>
internal sealed class ArchiveMigrator(ArchiveDbContext db, ILogger<ArchiveMigrator> logger)
{
    // Not the server's key: the two may migrate one database at the same time.
    private const long MigrationLockKey = 72_420_006;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (db.Database.IsNpgsql())
            {
                // Replicas starting together must not run one migration twice; EF uses the held connection.
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
                try
                {
                    await db.Database.MigrateAsync(cancellationToken);
                }
                finally
                {
                    await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
                }
            }
            else
            {
                // WAL lets readers work while a writer commits; the setting is stored in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        logger.LogInformation("Archive database migrated: {MigrationCount} migrations applied", pending);
    }

    public async Task<int> CountPendingAsync(CancellationToken cancellationToken) =>
        (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
}
