using Klachten.Server.Hosting;
using Klachten.Server.Common;
using Klachten.ServiceDefaults;
using Klachten.ServiceDefaults.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Persistence;

internal static class PersistenceExtensions
{
    private const string MigrationsTable = "__ef_migrations_history";

    public static DbContextOptionsBuilder UseKlachtenSqlite(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable(MigrationsTable)).UseSnakeCaseNamingConvention().WithSqliteDurability();

    public static DbContextOptionsBuilder UseKlachtenPostgreSql(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(MigrationsTable)).UseSnakeCaseNamingConvention();

    public static IHostApplicationBuilder AddKlachtenPersistence(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).GetValidated<DatabaseOptions>(DatabaseOptions.SectionName);
        var connectionString = builder.Configuration.GetConnectionString("Klachten");

        if (options.Provider == DatabaseProvider.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new StartupException("ConnectionStrings:Klachten is required when Klachten:Database:Provider is PostgreSql.");
            }

            builder.Services.AddDbContext<KlachtenDbContext, PostgreSqlKlachtenDbContext>(o => o.UseKlachtenPostgreSql(connectionString));
        }
        else
        {
            connectionString ??= DefaultSqliteConnectionString(builder);
            builder.Services.AddDbContext<KlachtenDbContext, SqliteKlachtenDbContext>(o => o.UseKlachtenSqlite(connectionString));
        }

        builder.Services.AddScoped<DatabaseMigrator>();
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<KlachtenDbContext>("database", tags: [ServiceDefaultsExtensions.ReadyTag])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }

    private static string DefaultSqliteConnectionString(IHostApplicationBuilder builder)
    {
        var dataDirectory = builder.Configuration.GetSection(KlachtenOptions.SectionName).Get<KlachtenOptions>()?.DataDirectory ?? "data";
        var path = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, dataDirectory));
        Directory.CreateDirectory(path);
        return $"Data Source={Path.Combine(path, "klachten.db")};Pooling=True";
    }
}
