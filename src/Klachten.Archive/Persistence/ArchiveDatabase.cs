using Klachten.ServiceDefaults;
using Klachten.ServiceDefaults.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Klachten.Archive.Persistence;

internal enum ArchiveDatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Which database the archive uses: the same provider setting as the server, its own connection if given.</summary>
internal static class ArchiveDatabase
{
    public const string ProviderKey = "Klachten:Database:Provider";

    // Not the server's history table: on SQLite both live in one file.
    private const string SqliteHistoryTable = "__archive_migrations_history";
    private const string PostgreSqlHistoryTable = "__ef_migrations_history";

    public static DbContextOptionsBuilder UseArchiveSqlite(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable(SqliteHistoryTable)).UseSnakeCaseNamingConvention().WithSqliteDurability();

    public static DbContextOptionsBuilder UseArchivePostgreSql(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(PostgreSqlHistoryTable, PostgreSqlArchiveDbContext.SchemaName))
            .UseSnakeCaseNamingConvention();

    public static void AddArchiveDatabase(this IHostApplicationBuilder builder)
    {
        var provider = ReadProvider(builder.Configuration);
        var connectionString = builder.Configuration.GetConnectionString("Archive");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = builder.Configuration.GetConnectionString("Klachten");
        }

        if (provider == ArchiveDatabaseProvider.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw Invalid($"ConnectionStrings:Archive (or ConnectionStrings:Klachten) is required when {ProviderKey} is PostgreSql.");
            }

            builder.Services.AddDbContext<ArchiveDbContext, PostgreSqlArchiveDbContext>(o => o.UseArchivePostgreSql(connectionString));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                connectionString = DefaultSqliteConnectionString(builder);
            }

            builder.Services.AddDbContext<ArchiveDbContext, SqliteArchiveDbContext>(o => o.UseArchiveSqlite(connectionString));
        }

        builder.Services.AddScoped<ArchiveMigrator>();
        builder.Services.AddHostedService<ArchiveStartup>();
        builder.Services.AddHealthChecks().AddCheck<ArchiveDatabaseHealthCheck>("archive-database", tags: [ServiceDefaultsExtensions.ReadyTag]);
    }

    private static ArchiveDatabaseProvider ReadProvider(IConfiguration configuration)
    {
        var value = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return ArchiveDatabaseProvider.Sqlite;
        }

        return Enum.TryParse<ArchiveDatabaseProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw Invalid($"Invalid configuration {ProviderKey}: '{value}' is not one of Sqlite, PostgreSql.");
    }

    // The embedded default: the server's SQLite file, so one process keeps one database.
    private static string DefaultSqliteConnectionString(IHostApplicationBuilder builder)
    {
        var dataDirectory = builder.Configuration["Klachten:DataDirectory"];
        var path = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, string.IsNullOrWhiteSpace(dataDirectory) ? "data" : dataDirectory));
        Directory.CreateDirectory(path);
        return $"Data Source={Path.Combine(path, "klachten.db")};Pooling=True";
    }

    private static OptionsValidationException Invalid(string message) =>
        new(ProviderKey, typeof(ArchiveDatabaseProvider), [message]);
}
