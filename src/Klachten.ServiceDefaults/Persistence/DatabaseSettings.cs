using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Klachten.ServiceDefaults.Persistence;

/// <summary>The database every service uses: <c>Klachten:Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    /// <summary>A file in the data folder (the embedded default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server named by a connection string.</summary>
    PostgreSql,
}

/// <summary>The configuration keys the services' databases share, read one way for all of them.</summary>
public static class DatabaseSettings
{
    /// <summary>Which provider every service uses.</summary>
    public const string ProviderKey = "Klachten:Database:Provider";

    /// <summary>The folder of the default SQLite files, relative to the content root.</summary>
    public const string DataDirectoryKey = "Klachten:DataDirectory";

    /// <summary>
    /// The configured provider, <see cref="DatabaseProvider.Sqlite"/> when unset. Throws
    /// <see cref="OptionsValidationException"/> naming the key for anything but the two names (any case).
    /// </summary>
    public static DatabaseProvider ReadProvider(IConfiguration configuration)
    {
        var value = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        // Names only: Enum.TryParse would also take "1".
        var name = Enum.GetNames<DatabaseProvider>().FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is not null
            ? Enum.Parse<DatabaseProvider>(name)
            : throw Invalid($"Invalid configuration {ProviderKey}: '{value}' is not one of Sqlite, PostgreSql.");
    }

    /// <summary>The first of the named connection strings that is set (a service's own, then the shared one).</summary>
    public static string? ConnectionString(IConfiguration configuration, IEnumerable<string> names) =>
        names.Select(configuration.GetConnectionString).FirstOrDefault(c => !string.IsNullOrWhiteSpace(c));

    /// <summary>The data folder (<c>Klachten:DataDirectory</c>, default <c>data</c>) as a full path under the content root.</summary>
    public static string DataDirectory(IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration[DataDirectoryKey];
        return Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, string.IsNullOrWhiteSpace(configured) ? "data" : configured));
    }

    /// <summary>A pooled connection to <paramref name="fileName"/> in the data folder, which is created if missing.</summary>
    public static string DefaultSqliteConnectionString(IHostApplicationBuilder builder, string fileName)
    {
        var directory = DataDirectory(builder);
        Directory.CreateDirectory(directory);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, fileName), Pooling = true }.ToString();
    }

    /// <summary>The hosts print this exception's message as one line naming the key.</summary>
    internal static OptionsValidationException Invalid(string message) => new(ProviderKey, typeof(DatabaseProvider), [message]);
}
