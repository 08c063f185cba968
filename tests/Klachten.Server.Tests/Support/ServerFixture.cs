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
        var settings = _database.Settings();
        Configure(settings);
        Factory = new KlachtenFactory(settings);
        _ = Factory.Server;
        await OnStartedAsync();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _database!.DisposeAsync();
    }

    /// <summary>Adjusts the server's settings before it starts.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    /// <summary>Seeds what the class needs once the server runs.</summary>
    protected virtual Task OnStartedAsync() => Task.CompletedTask;
}

public sealed class SqliteServerFixture() : ServerFixture(Provider.Sqlite);

public sealed class PostgreSqlServerFixture() : ServerFixture(Provider.PostgreSql);

/// <summary>A server on the manual clock: <c>POST /api/dev/clock</c> moves time and fires due timers.</summary>
public abstract class ManualClockServerFixture(Provider provider) : ServerFixture(provider)
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["Klachten:Clock"] = "Manual";
}

public sealed class SqliteManualClockServerFixture() : ManualClockServerFixture(Provider.Sqlite);

public sealed class PostgreSqlManualClockServerFixture() : ManualClockServerFixture(Provider.PostgreSql);
