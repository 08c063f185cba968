using Klachten.Testing;

namespace Klachten.Notifications.Tests.Support;

// One database per test class; tests in a class keep apart by using their own message ids.
public abstract class NotificationsTestDatabase : IAsyncLifetime
{
    public abstract string Provider { get; }

    public string ConnectionString { get; protected set; } = string.Empty;

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    public Dictionary<string, string?> Settings() => new()
    {
        ["Klachten:Database:Provider"] = Provider,
        ["ConnectionStrings:Notifications"] = ConnectionString,
    };
}

public sealed class SqliteDatabase : NotificationsTestDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"klachten-notifications-{Guid.NewGuid():N}.db");

    public override string Provider => "Sqlite";

    public override Task InitializeAsync()
    {
        ConnectionString = $"Data Source={_path};Pooling=False";
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }
}

public sealed class PostgreSqlDatabase : NotificationsTestDatabase
{
    public override string Provider => "PostgreSql";

    public override async Task InitializeAsync() => ConnectionString = await PostgresServer.CreateDatabaseAsync("notifications");

    public override Task DisposeAsync() => PostgresServer.DropDatabaseAsync(ConnectionString);
}
