using Klachten.ServiceDefaults.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Klachten.Notifications.Persistence;

/// <summary>The notification tables on the shared persistence kit.</summary>
internal static class NotificationsDatabase
{
    // Its own connection if given, else the server's. Without either, a file of its own in the data folder, so that
    // the embedded server's writes and the inbox's never wait for each other's SQLite write lock.
    public static readonly DatabaseProfile Profile = new("notifications", 72_420_006, ["Notifications", "Klachten"], "notifications.db",
        SqliteNotificationsDbContext.Prefix + "ef_migrations_history", PostgreSqlNotificationsDbContext.SchemaName, "notifications-");

    public static void AddNotificationsDatabase(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<NotificationsDbContext, SqliteNotificationsDbContext, PostgreSqlNotificationsDbContext>(Profile);

        // Before the bus's hosted service, which the hosts add after this module.
        builder.Services.AddHostedService<DatabaseStartup<NotificationsDbContext>>();
    }
}
