using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Klachten.Archive.Persistence;

/// <summary>Used only by <c>dotnet ef migrations add</c>; no database is contacted.</summary>
internal sealed class SqliteArchiveDesignTimeFactory : IDesignTimeDbContextFactory<SqliteArchiveDbContext>
{
    public SqliteArchiveDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteArchiveDbContext>();
        builder.UseArchiveSqlite("Data Source=design.db");
        return new SqliteArchiveDbContext(builder.Options);
    }
}

/// <summary>Used only by <c>dotnet ef migrations add</c>; no database is contacted.</summary>
internal sealed class PostgreSqlArchiveDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlArchiveDbContext>
{
    public PostgreSqlArchiveDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgreSqlArchiveDbContext>();
        builder.UseArchivePostgreSql("Host=localhost;Database=design");
        return new PostgreSqlArchiveDbContext(builder.Options);
    }
}
