using Klachten.Testing;
using Klachten.Testing.Security;

namespace Klachten.Server.Tests.Support;

public enum Provider
{
    Sqlite,
    PostgreSql,
}

/// <summary>A fresh, empty database on either provider, with the server settings that point at it.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _directory;

    private TestDatabase(Provider provider, string connectionString, string? directory)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _directory = directory;
    }

    public Provider Provider { get; }

    public string ConnectionString { get; }

    public string DataDirectory => _directory ?? Path.GetTempPath();

    public static async Task<TestDatabase> CreateAsync(Provider provider, string name)
    {
        var directory = Directory.CreateTempSubdirectory("klachten-test-").FullName;
        if (provider == Provider.Sqlite)
        {
            return new TestDatabase(provider, $"Data Source={Path.Combine(directory, "klachten.db")};Pooling=False", directory);
        }

        return new TestDatabase(provider, await PostgresServer.CreateDatabaseAsync(name), directory);
    }

    /// <summary>
    /// The database, the data folder, the shipped workflows and the key-ring certificate (required outside Development,
    /// used in Development too, so every test server encrypts its keys as production does).
    /// </summary>
    public Dictionary<string, string?> Settings(string? workflowsDirectory = null) => new(TestCertificates.DataProtectionSettings())
    {
        ["Klachten:Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:Klachten"] = ConnectionString,
        ["Klachten:DataDirectory"] = DataDirectory,
        ["Klachten:WorkflowsDirectory"] = workflowsDirectory ?? RepoPaths.Workflows,
    };

    public async ValueTask DisposeAsync()
    {
        if (Provider == Provider.PostgreSql)
        {
            await PostgresServer.DropDatabaseAsync(ConnectionString);
        }

        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
