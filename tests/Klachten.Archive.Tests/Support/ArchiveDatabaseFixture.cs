using Klachten.Testing;
using Microsoft.Data.Sqlite;

namespace Klachten.Archive.Tests.Support;

public enum Provider
{
    Sqlite,
    PostgreSql,
}

/// <summary>One fresh, empty database per test class; each test's host migrates it (Development) and uses it.</summary>
public abstract class ArchiveDatabaseFixture(Provider provider) : IAsyncLifetime
{
    private string? _directory;

    public Provider Provider { get; } = provider;

    public string ConnectionString { get; private set; } = "";

    public Dictionary<string, string?> Settings() => new()
    {
        ["Klachten:Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:Archive"] = ConnectionString,
    };

    public async Task InitializeAsync()
    {
        if (Provider == Provider.Sqlite)
        {
            _directory = Directory.CreateTempSubdirectory("klachten-archive-test-").FullName;
            ConnectionString = $"Data Source={Path.Combine(_directory, "klachten.db")};Pooling=False";
        }
        else
        {
            ConnectionString = await PostgresServer.CreateDatabaseAsync("archive_" + GetType().Name);
        }
    }

    public async Task DisposeAsync()
    {
        if (Provider == Provider.PostgreSql && ConnectionString.Length > 0)
        {
            await PostgresServer.DropDatabaseAsync(ConnectionString);
        }

        if (_directory is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}

public sealed class SqliteDatabaseFixture() : ArchiveDatabaseFixture(Provider.Sqlite);

public sealed class PostgreSqlDatabaseFixture() : ArchiveDatabaseFixture(Provider.PostgreSql);
