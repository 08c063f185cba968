using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Klachten.Notifications.Persistence;

/// <summary>Applies the provider's generated migrations. Run at start in Development and by <c>--migrate</c> elsewhere.</summary>
internal sealed class NotificationsMigrator(NotificationsDbContext db, ILogger<NotificationsMigrator> logger)
{
    // Not the server's key: both may migrate the same database at the same time.
    private const long MigrationLockKey = 72_420_006;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
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
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
            await db.Database.MigrateAsync(cancellationToken);
        }

        logger.LogInformation("Notifications database migrated: {MigrationCount} migrations applied", pending);
    }
}
