using Klachten.ServiceDefaults.Persistence;

namespace Klachten.Archive.Persistence;

internal sealed class SqliteArchiveDesignTimeFactory() : DesignTimeFactory<SqliteArchiveDbContext>(ArchiveDatabase.Profile, DatabaseProvider.Sqlite);

internal sealed class PostgreSqlArchiveDesignTimeFactory() : DesignTimeFactory<PostgreSqlArchiveDbContext>(ArchiveDatabase.Profile, DatabaseProvider.PostgreSql);
