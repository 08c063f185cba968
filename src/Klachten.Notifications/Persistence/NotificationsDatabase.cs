using Klachten.ServiceDefaults.Persistence;
using Microsoft.Extensions.Hosting;

namespace Klachten.Notifications.Persistence;

/// <summary>The notification tables on the shared persistence kit.</summary>
internal static class NotificationsDatabase
{
    /// <summary>
    /// Its own connection if given, else the server's. Without either, a file of its own in the data folder, so
    /// that the embedded server's writes and the inbox's never wait for each other's SQLite write lock.
    /// </summary>
    public static readonly DatabaseProfile Profile = new(
        Name: "notifications",
        MigrationLockKey: 72_420_006,
        ConnectionStringNames: ["Notifications", "Klachten"],
        SqliteFileName: "notifications.db",
        SqliteHistoryTable: SqliteNotificationsDbContext.Prefix + "ef_migrations_history",
        PostgreSqlSchema: PostgreSqlNotificationsDbContext.SchemaName,
        HealthCheckPrefix: "notifications-");

    public static void AddNotificationsDatabase(this IHostApplicationBuilder builder) =>
        builder.AddServiceDatabase<NotificationsDbContext, SqliteNotificationsDbContext, PostgreSqlNotificationsDbContext>(Profile);
}
