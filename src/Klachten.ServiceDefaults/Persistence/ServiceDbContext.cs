using Microsoft.EntityFrameworkCore;

namespace Klachten.ServiceDefaults.Persistence;

/// <summary>
/// A service's context whose tables may share a database with other services': a schema of its own on PostgreSQL, a
/// table prefix on SQLite (which has no schemas). One derived context per provider keeps their migrations apart.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>PostgreSQL schema, or null where the provider has none.</summary>
    protected abstract string? Schema { get; }

    /// <summary>Prefix of every table name where there is no schema to keep the services apart.</summary>
    protected abstract string TablePrefix { get; }

    /// <inheritdoc />
    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (Schema is not null)
        {
            modelBuilder.HasDefaultSchema(Schema);
        }

        ConfigureTables(modelBuilder);
    }

    /// <summary>The service's model; table names start with <see cref="TablePrefix"/>.</summary>
    protected abstract void ConfigureTables(ModelBuilder modelBuilder);
}
