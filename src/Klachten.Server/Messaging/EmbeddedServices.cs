using Klachten.Archive;
using Klachten.Notifications;
using Klachten.ServiceDefaults;
using Klachten.ServiceDefaults.Persistence;
using MassTransit;
using Microsoft.Data.Sqlite;

namespace Klachten.Server.Messaging;

/// <summary>
/// The embedded default: with the in-memory transport the notification and archive services run inside the server,
/// e-mail goes to <c>.eml</c> files in <c>&lt;data&gt;/mail</c>, and each service keeps its own SQLite file beside the
/// server's (so their writes never wait for each other's database lock). Explicit settings always win.
/// </summary>
internal static class EmbeddedServices
{
    public const string MailFolder = "mail";

    public static bool IsEmbedded(IConfiguration configuration) =>
        (configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>() ?? new MessagingOptions()).Transport == MessagingTransport.InMemory;

    /// <summary>Registers both services. Called before the bus, so their start-up migrations run before consumers do.</summary>
    public static IHostApplicationBuilder AddEmbeddedServices(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var defaults = new Dictionary<string, string?>();
        if (string.IsNullOrWhiteSpace(configuration["Klachten:Notifications:PickupDirectory"]) && string.IsNullOrWhiteSpace(configuration["Klachten:Notifications:Smtp:Host"]))
        {
            defaults["Klachten:Notifications:PickupDirectory"] = Path.Combine(DatabaseSettings.DataDirectory(builder), MailFolder);
        }

        if (DatabaseSettings.ReadProvider(configuration) == DatabaseProvider.Sqlite)
        {
            var serverFile = ServerSqliteFile(builder);
            foreach (var service in new[] { "Notifications", "Archive" })
            {
                if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(service)))
                {
                    var file = Path.Combine(Path.GetDirectoryName(serverFile)!, $"{Path.GetFileNameWithoutExtension(serverFile)}-{service.ToLowerInvariant()}.db");
                    defaults[$"ConnectionStrings:{service}"] = $"Data Source={file};Pooling=True";
                }
            }
        }

        configuration.AddInMemoryCollection(defaults);
        builder.AddNotifications();
        builder.AddArchive();
        return builder;
    }

    /// <summary>The consumers of both services, on the server's mediator (which the outbox relay awaits).</summary>
    public static void AddEmbeddedConsumers(IRegistrationConfigurator consumers)
    {
        consumers.AddNotificationConsumers();
        consumers.AddArchiveConsumers();
    }

    /// <summary><c>--migrate</c> for the embedded services' tables.</summary>
    public static async Task MigrateEmbeddedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.MigrateNotificationsDatabaseAsync(cancellationToken);
        await services.MigrateArchiveDatabaseAsync(cancellationToken);
    }

    private static string ServerSqliteFile(IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Klachten");
        var source = string.IsNullOrWhiteSpace(connectionString) ? null : new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrWhiteSpace(source) || source == ":memory:"
            ? Path.Combine(DatabaseSettings.DataDirectory(builder), "klachten.db")
            : Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, source));
    }
}
