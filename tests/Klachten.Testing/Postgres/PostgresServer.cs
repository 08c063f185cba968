using DotNet.Testcontainers.Builders;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Klachten.Testing;

// One PostgreSQL server per test process, one fresh database per test class.
// The server is KLACHTEN_TEST_POSTGRES when set (./build.sh test sets it), else a Testcontainers
// postgres:15. Without either the tests fail with a clear message: never a silent skip, also not under CI.
public static class PostgresServer
{
    public const string EnvironmentVariable = "KLACHTEN_TEST_POSTGRES";

    private const string DatabasePrefix = "t_";
    private const int MaxIdentifierLength = 63;
    private const string Unavailable =
        "PostgreSQL not available: set " + EnvironmentVariable + " (an Npgsql connection string) or run ./build.sh test";

    private static readonly Lazy<Task<string>> Server = new(ResolveAsync);

    // Kept for the life of the process; Testcontainers' resource reaper removes it afterwards.
    private static PostgreSqlContainer? container;

    public static Task<string> GetConnectionStringAsync() => Server.Value;

    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var server = await GetConnectionStringAsync();
        var name = NewDatabaseName(prefix);
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        // Only names made by CreateDatabaseAsync: the server may be a developer's own.
        if (name is null || !IsTestDatabaseName(name))
        {
            throw new ArgumentException($"Not a test database: '{name}'.", nameof(connectionString));
        }

        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteAsync(await GetConnectionStringAsync(), $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task<string> ResolveAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        try
        {
            var started = new PostgreSqlBuilder("postgres:15").Build();
            await started.StartAsync();
            container = started;
            return started.GetConnectionString();
        }
        catch (DockerUnavailableException ex)
        {
            throw new InvalidOperationException(Unavailable, ex);
        }
    }

    private static string NewDatabaseName(string prefix)
    {
        var suffix = "_" + Guid.NewGuid().ToString("N")[..8];
        var cleaned = string.Concat(prefix.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));
        var room = MaxIdentifierLength - DatabasePrefix.Length - suffix.Length;
        return DatabasePrefix + cleaned[..Math.Min(cleaned.Length, room)] + suffix;
    }

    private static bool IsTestDatabaseName(string name) =>
        name.StartsWith(DatabasePrefix, StringComparison.Ordinal)
        && name.Length <= MaxIdentifierLength
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
