using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Instances;

/// <summary>One database and server per test class, on the manual clock (so a test can move time before a retry).</summary>
public abstract class ManualClockServerFixture(Provider provider) : IAsyncLifetime
{
    private TestDatabase? _database;

    public KlachtenFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider, GetType().Name);
        var settings = _database.Settings();
        settings["Klachten:Clock"] = "Manual";
        Factory = new KlachtenFactory(settings);
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _database!.DisposeAsync();
    }
}

public sealed class SqliteManualClockServerFixture() : ManualClockServerFixture(Provider.Sqlite);

public sealed class PostgreSqlManualClockServerFixture() : ManualClockServerFixture(Provider.PostgreSql);
