using System.Diagnostics;
using Klachten.Server.Tests.Support;
using Klachten.Testing;
using Xunit.Abstractions;

namespace Klachten.Server.Tests.Timers;

/// <summary>Pending timers stay in the database: a server with 100,000 of them is ready about as fast as one with none.</summary>
[Collection(TimerScaleCollection.Name)]
[Trait("Category", "Scale")]
public sealed class PendingTimersStartupTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int PendingTimers = 100_000;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    private TestDatabase _database = null!;

    public async Task InitializeAsync() =>
        _database = await TestDatabase.CreateAsync(Provider.PostgreSql, nameof(PendingTimersStartupTests));

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Start_HundredThousandPendingTimers_ReadyAboutAsFastAsWithNone()
    {
        var settings = _database.Settings();
        settings["Logging:LogLevel:Default"] = "Warning";
        var migrate = await ServerProcess.RunAsync(["--migrate"], settings, environment: "Development");
        Assert.True(migrate.ExitCode == 0, migrate.Output);
        var id = ElsaJson.NewDefinitionId();

        // The first start seeds users and imports the shipped definitions; neither measurement should pay for that.
        await using (var first = ServerNode.Start(settings))
        {
            await first.WaitUntilReadyAsync(ReadyTimeout);
            using var owner = first.As("procesbeheerder");
            await TimerWorkflows.PublishAsync(owner, TimerWorkflows.DelayThenWriteLine(id, timeSpan: "30.00:00:00"));
        }

        TimeSpan readyEmpty;
        string template;
        await using (var empty = ServerNode.Start(settings))
        {
            readyEmpty = await empty.WaitUntilReadyAsync(ReadyTimeout);
            using var owner = empty.As("procesbeheerder");
            template = await TimerWorkflows.ExecuteAsync(owner, id);
        }

        var copying = Stopwatch.StartNew();
        await TimerRows.CloneWaitingInstanceAsync(_database.ConnectionString, template, PendingTimers - 1, "p");
        output.WriteLine($"Copied {PendingTimers - 1} waiting instances with their timers in {copying.Elapsed.TotalSeconds:0.0} s");

        var rowsReadBefore = await TimerRows.RuntimeRowsReadAsync(_database.ConnectionString);
        TimeSpan readyFull;
        await using (var full = ServerNode.Start(settings))
        {
            readyFull = await full.WaitUntilReadyAsync(ReadyTimeout);
        }

        // A server backend flushes its table statistics as it exits, before it leaves pg_stat_activity.
        await Eventually.Until(() => TimerRows.OtherConnectionsAsync(_database.ConnectionString), n => n == 0, TimeSpan.FromSeconds(30));
        var rowsRead = await TimerRows.RuntimeRowsReadAsync(_database.ConnectionString) - rowsReadBefore;
        output.WriteLine($"Ready after {readyEmpty.TotalSeconds:0.00} s with no pending timers, {readyFull.TotalSeconds:0.00} s with {PendingTimers:N0}; "
            + $"that start-up read {rowsRead} instance and bookmark rows");
        Assert.Equal(PendingTimers, await TimerRows.CountAsync(_database.ConnectionString, "SELECT count(*) FROM bookmarks WHERE kind = 'Timer' AND lease_owner IS NULL"));
        Assert.InRange(rowsRead, 0, 100);
        Assert.True(readyFull < (readyEmpty * 3) + TimeSpan.FromSeconds(2), $"Ready after {readyFull} with {PendingTimers} pending timers against {readyEmpty} with none");
    }
}
