using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

using Klachten.Server.Common;

namespace Klachten.Server.Persistence;

/// <summary>Used only by <c>dotnet ef migrations add</c>; no database is contacted.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteKlachtenDbContext>
{
    public SqliteKlachtenDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteKlachtenDbContext>();
        builder.UseKlachtenSqlite("Data Source=design.db");
        return new SqliteKlachtenDbContext(builder.Options);
    }
}

/// <summary>Used only by <c>dotnet ef migrations add</c>; no database is contacted.</summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlKlachtenDbContext>
{
    public PostgreSqlKlachtenDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgreSqlKlachtenDbContext>();
        builder.UseKlachtenPostgreSql("Host=localhost;Database=design");
        return new PostgreSqlKlachtenDbContext(builder.Options);
    }
}
