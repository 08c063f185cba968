using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Terms;

/// <summary>
/// The server on SQLite (the terms endpoints do not touch the database) with one configured closure day:
/// Friday 7 May 2027, the day after Ascension.
/// </summary>
public sealed class TermsServerFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    public KlachtenFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider.Sqlite, nameof(TermsServerFixture));
        var settings = _database.Settings();
        settings["Klachten:Calendar:ExtraClosedDays:0:Date"] = "2027-05-07";
        settings["Klachten:Calendar:ExtraClosedDays:0:Name"] = "Vrijdag na Hemelvaartsdag";
        Factory = new KlachtenFactory(settings);
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _database!.DisposeAsync();
    }
}
