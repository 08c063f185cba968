namespace Klachten.Server.Tests.Support;

/// <summary>
/// Two server nodes (node-a, node-b) on one fresh PostgreSQL database, for the "once across nodes" tests. Each node
/// gets the database's settings, its own node name, warnings-only logging and whatever <c>configure</c> adds.
/// </summary>
internal sealed class TwoNodes : IAsyncDisposable
{
    private TwoNodes(TestDatabase database, KlachtenFactory a, KlachtenFactory b) => (Database, A, B) = (database, a, b);

    public TestDatabase Database { get; }
    public KlachtenFactory A { get; }
    public KlachtenFactory B { get; }

    public static async Task<TwoNodes> StartAsync(string name, Action<Dictionary<string, string?>> configure)
    {
        var database = await TestDatabase.CreateAsync(Provider.PostgreSql, name);
        var a = new KlachtenFactory(Settings(database, "node-a", configure));
        _ = a.Server;
        var b = new KlachtenFactory(Settings(database, "node-b", configure));
        _ = b.Server;
        return new TwoNodes(database, a, b);
    }

    /// <summary>Manual clocks whose loops stay asleep: each node fires only through its own clock move, so per-node counts are exact.</summary>
    public static void ManualClocks(Dictionary<string, string?> settings)
    {
        settings["Klachten:Clock"] = "Manual";
        settings["Klachten:Runtime:TimerPollInterval"] = "00:10:00";
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Database.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings(TestDatabase database, string nodeName, Action<Dictionary<string, string?>> configure)
    {
        var settings = database.Settings();
        settings["Klachten:Runtime:NodeName"] = nodeName;
        settings["Logging:LogLevel:Default"] = "Warning";
        configure(settings);
        return settings;
    }
}
