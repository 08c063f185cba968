using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Klachten.Notifications.Persistence;

/// <summary>Used only by <c>dotnet ef migrations add</c>; no database is contacted.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteNotificationsDbContext>
{
    public SqliteNotificationsDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteNotificationsDbContext>();
        builder.UseNotificationsSqlite("Data Source=design.db");
        return new SqliteNotificationsDbContext(builder.Options);
    }
}

/// <summary>Used only by <c>dotnet ef migrations add</c>; no database is contacted.</summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlNotificationsDbContext>
{
    public PostgreSqlNotificationsDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgreSqlNotificationsDbContext>();
        builder.UseNotificationsPostgreSql("Host=localhost;Database=design");
        return new PostgreSqlNotificationsDbContext(builder.Options);
    }
}
