using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Klachten.ServiceDefaults.Persistence;

/// <summary>
/// Applies a context's generated migrations: at start in Development, by <c>--migrate</c> elsewhere. Refuses a stale
/// database (see <see cref="MigrationState.IsStale"/>) instead of failing half-way through the baseline.
/// </summary>
public sealed class DatabaseMigrator<TContext>(TContext db, DatabaseProfile profile, ILogger<DatabaseMigrator<TContext>> logger)
    where TContext : DbContext
{
    /// <summary>Migrates under the service's lock; throws <see cref="StaleDatabaseException"/> for a stale database.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        // EF runs the migrations on the held connection, so a session lock taken on it covers them.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
            {
                // Replicas (and services sharing the database) starting together must not run one migration twice.
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({profile.MigrationLockKey})", cancellationToken);
                try
                {
                    await MigrateHeldAsync(cancellationToken);
                }
                finally
                {
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({profile.MigrationLockKey})", CancellationToken.None);
                }
            }
            else
            {
                // SQLite: EF's own migration lock table serialises processes; WAL is set by SqliteDurability on open.
                await MigrateHeldAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The start-up step: migrates in Development; elsewhere leaves pending migrations to <c>--migrate</c>, logging
    /// that the service is not ready until then. Returns whether the database is up to date. Throws
    /// <see cref="StaleDatabaseException"/> for a stale database in any environment: it cannot be used.
    /// </summary>
    public async Task<bool> PrepareAtStartAsync(bool development, CancellationToken cancellationToken)
    {
        if (development)
        {
            await MigrateAsync(cancellationToken);
            return true;
        }

        var state = await MigrationState.ReadAsync(db.Database, cancellationToken);
        state.ThrowIfStale(profile.Name);
        if (state.Pending.Count > 0)
        {
            logger.LogError("The {Database} database has pending migrations; run the host once with --migrate. Not ready until then", profile.Name);
        }

        return state.Pending.Count == 0;
    }

    private async Task MigrateHeldAsync(CancellationToken cancellationToken)
    {
        var state = await MigrationState.ReadAsync(db.Database, cancellationToken);
        state.ThrowIfStale(profile.Name);
        await db.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("The {Database} database migrated: {MigrationCount} migrations applied", profile.Name, state.Pending.Count);
    }
}
