using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Timers;

/// <summary>One database and one server on a manual clock per test class.</summary>
public abstract class ManualClockFixture(Provider provider) : IAsyncLifetime
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

public sealed class SqliteManualClockFixture() : ManualClockFixture(Provider.Sqlite);

public sealed class PostgreSqlManualClockFixture() : ManualClockFixture(Provider.PostgreSql);
