using Klachten.ServiceDefaults;
using Klachten.ServiceDefaults.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Klachten.Notifications.Persistence;

/// <summary>Chooses the provider and connection of the notification tables.</summary>
internal static class NotificationsDatabase
{
    public const string ProviderKey = "Klachten:Database:Provider";
    private const string MigrationsTable = "__ef_migrations_history";

    public static DbContextOptionsBuilder UseNotificationsSqlite(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable(SqliteNotificationsDbContext.Prefix + "ef_migrations_history"))
            .UseSnakeCaseNamingConvention().WithSqliteDurability();

    public static DbContextOptionsBuilder UseNotificationsPostgreSql(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(MigrationsTable, PostgreSqlNotificationsDbContext.SchemaName))
            .UseSnakeCaseNamingConvention();

    public static void AddNotificationsDatabase(this IHostApplicationBuilder builder)
    {
        var provider = builder.Configuration[ProviderKey];
        var connectionString = builder.Configuration.GetConnectionString("Notifications");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = builder.Configuration.GetConnectionString("Klachten");
        }

        if (string.Equals(provider, "PostgreSql", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw ConfigurationError($"ConnectionStrings:Notifications (or ConnectionStrings:Klachten) is required when {ProviderKey} is PostgreSql.");
            }

            builder.Services.AddDbContext<NotificationsDbContext, PostgreSqlNotificationsDbContext>(o => o.UseNotificationsPostgreSql(connectionString));
        }
        else if (string.IsNullOrWhiteSpace(provider) || string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            connectionString = string.IsNullOrWhiteSpace(connectionString) ? DefaultSqlite(builder) : connectionString;
            builder.Services.AddDbContext<NotificationsDbContext, SqliteNotificationsDbContext>(o => o.UseNotificationsSqlite(connectionString));
        }
        else
        {
            throw ConfigurationError($"{ProviderKey} must be Sqlite or PostgreSql (is '{provider}').");
        }

        builder.Services.AddScoped<NotificationsMigrator>();
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<NotificationsDbContext>("notifications-database", tags: [ServiceDefaultsExtensions.ReadyTag])
            .AddCheck<NotificationsMigrationsHealthCheck>("notifications-migrations", tags: [ServiceDefaultsExtensions.ReadyTag]);
    }

    // The hosts print this exception's message as one line naming the key.
    private static OptionsValidationException ConfigurationError(string message) =>
        new(ProviderKey, typeof(NotificationOptions), [message]);

    // Without a connection string: a file of its own in the data folder, so that the embedded server's writes and
    // the inbox's never wait for each other's SQLite write lock.
    private static string DefaultSqlite(IHostApplicationBuilder builder)
    {
        var dataDirectory = builder.Configuration["Klachten:DataDirectory"] ?? "data";
        var path = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, dataDirectory));
        Directory.CreateDirectory(path);
        return $"Data Source={Path.Combine(path, "notifications.db")};Pooling=True";
    }
}
