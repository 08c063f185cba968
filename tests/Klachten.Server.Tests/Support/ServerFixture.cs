namespace Klachten.Server.Tests.Support;

/// <summary>One database and one running server per test class; tests use their own definition ids.</summary>
public abstract class ServerFixture(Provider provider) : IAsyncLifetime
{
    private TestDatabase? _database;

    public Provider Provider => provider;

    public KlachtenFactory Factory { get; private set; } = null!;

    public TestDatabase Database => _database!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider, GetType().Name);
        Factory = new KlachtenFactory(_database.Settings());
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _database!.DisposeAsync();
    }
}

public sealed class SqliteServerFixture() : ServerFixture(Provider.Sqlite);

public sealed class PostgreSqlServerFixture() : ServerFixture(Provider.PostgreSql);
