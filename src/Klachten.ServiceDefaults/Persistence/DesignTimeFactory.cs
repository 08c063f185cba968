using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Klachten.ServiceDefaults.Persistence;

/// <summary>
/// Used only by <c>dotnet ef migrations add</c>; no database is contacted. A service derives one sealed, parameterless
/// factory per provider context, e.g. <c>class SqliteDesignTimeFactory() : DesignTimeFactory&lt;SqliteXDbContext&gt;(Profile, DatabaseProvider.Sqlite)</c>.
/// </summary>
public abstract class DesignTimeFactory<TContext>(DatabaseProfile profile, DatabaseProvider provider) : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    /// <inheritdoc />
    public TContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        profile.Configure(builder, provider, provider == DatabaseProvider.PostgreSql ? "Host=localhost;Database=design" : "Data Source=design.db");

        // Every provider context takes its options as its one constructor argument.
        return (TContext)Activator.CreateInstance(typeof(TContext), builder.Options)!;
    }
}
