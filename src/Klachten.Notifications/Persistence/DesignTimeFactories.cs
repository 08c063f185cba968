using Klachten.ServiceDefaults.Persistence;

namespace Klachten.Notifications.Persistence;

internal sealed class SqliteDesignTimeFactory() : DesignTimeFactory<SqliteNotificationsDbContext>(NotificationsDatabase.Profile, DatabaseProvider.Sqlite);

internal sealed class PostgreSqlDesignTimeFactory() : DesignTimeFactory<PostgreSqlNotificationsDbContext>(NotificationsDatabase.Profile, DatabaseProvider.PostgreSql);
