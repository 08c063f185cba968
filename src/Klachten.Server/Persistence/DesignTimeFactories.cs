using Klachten.ServiceDefaults.Persistence;

namespace Klachten.Server.Persistence;

internal sealed class SqliteDesignTimeFactory() : DesignTimeFactory<SqliteKlachtenDbContext>(PersistenceExtensions.Profile, DatabaseProvider.Sqlite);

internal sealed class PostgreSqlDesignTimeFactory() : DesignTimeFactory<PostgreSqlKlachtenDbContext>(PersistenceExtensions.Profile, DatabaseProvider.PostgreSql);
