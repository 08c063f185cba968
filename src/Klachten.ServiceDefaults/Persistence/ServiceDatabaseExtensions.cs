using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Klachten.ServiceDefaults.Persistence;

/// <summary>Registers a service's database: its context on the configured provider, its migrator, its readiness checks.</summary>
public static class ServiceDatabaseExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> as <typeparamref name="TSqlite"/> or <typeparamref name="TPostgreSql"/>
    /// per <c>Klachten:Database:Provider</c>, a scoped <see cref="DatabaseMigrator{TContext}"/>, and the readiness checks
    /// <c>{prefix}database</c> and <c>{prefix}migrations</c>. Returns the provider. Throws
    /// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming the key for a bad setting.
    /// </summary>
    public static DatabaseProvider AddServiceDatabase<TContext, TSqlite, TPostgreSql>(this IHostApplicationBuilder builder, DatabaseProfile profile)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgreSql : TContext
    {
        var provider = DatabaseSettings.ReadProvider(builder.Configuration);
        var connectionString = DatabaseSettings.ConnectionString(builder.Configuration, profile.ConnectionStringNames);
        if (provider == DatabaseProvider.PostgreSql)
        {
            if (connectionString is null)
            {
                var names = profile.ConnectionStringNames.Select(n => "ConnectionStrings:" + n).ToList();
                var alternatives = names.Count > 1 ? $" (or {string.Join(" or ", names.Skip(1))})" : "";
                throw DatabaseSettings.Invalid($"{names[0]}{alternatives} is required when {DatabaseSettings.ProviderKey} is PostgreSql.");
            }

            builder.Services.AddDbContext<TContext, TPostgreSql>(o => profile.Configure(o, provider, connectionString));
        }
        else
        {
            var sqlite = connectionString ?? DatabaseSettings.DefaultSqliteConnectionString(builder, profile.SqliteFileName);
            builder.Services.AddDbContext<TContext, TSqlite>(o => profile.Configure(o, provider, sqlite));
        }

        builder.Services.AddScoped(sp => new DatabaseMigrator<TContext>(
            sp.GetRequiredService<TContext>(), profile, sp.GetRequiredService<ILogger<DatabaseMigrator<TContext>>>()));
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<TContext>(profile.HealthCheckPrefix + "database", tags: [ServiceDefaultsExtensions.ReadyTag])
            .Add(new HealthCheckRegistration(
                profile.HealthCheckPrefix + "migrations",
                sp => new MigrationsHealthCheck<TContext>(sp.GetRequiredService<TContext>(), profile),
                failureStatus: null,
                tags: [ServiceDefaultsExtensions.ReadyTag]));
        return provider;
    }

    /// <summary>Applies <typeparamref name="TContext"/>'s pending migrations in a scope of its own (<c>--migrate</c>, or start-up in Development).</summary>
    public static async Task MigrateServiceDatabaseAsync<TContext>(this IServiceProvider services, CancellationToken cancellationToken = default)
        where TContext : DbContext
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator<TContext>>().MigrateAsync(cancellationToken);
    }
}
