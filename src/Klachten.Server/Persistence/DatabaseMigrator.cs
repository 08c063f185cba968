using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Persistence;

/// <summary>Applies the provider's generated migrations. Run at start in Development and by <c>--migrate</c> elsewhere.</summary>
internal sealed class DatabaseMigrator(KlachtenDbContext db, ILogger<DatabaseMigrator> logger)
{
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

        await db.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("Database migrated: {MigrationCount} migrations applied", pending.Count);
    }
}
