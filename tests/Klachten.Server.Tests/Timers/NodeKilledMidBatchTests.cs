using System.Diagnostics;
using Klachten.Server.Tests.Support;
using Klachten.Testing;
using Xunit.Abstractions;

namespace Klachten.Server.Tests.Timers;

/// <summary>
/// A node killed while firing a batch (a real process, no graceful stop) leaves claimed timers under its lease; once
/// the lease has run out on the other node's clock, that node fires the rest, and still every timer fires once.
/// </summary>
[Collection(TimerScaleCollection.Name)]
public sealed class NodeKilledMidBatchTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Timers = 3_000;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);

    private TestDatabase _database = null!;
    private KlachtenFactory _nodeB = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider.PostgreSql, nameof(NodeKilledMidBatchTests));
        _nodeB = new KlachtenFactory(NodeSettings("node-b"));
        _ = _nodeB.Server;
    }

    public async Task DisposeAsync()
    {
        await _nodeB.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task KillNodeMidBatch_OtherNodePastLease_FiresTheRestOnceEach()
    {
        var id = ElsaJson.NewDefinitionId();
        var ownerB = _nodeB.As("procesbeheerder");
        ownerB.Timeout = TimeSpan.FromMinutes(5);
        await TimerWorkflows.PublishAsync(ownerB, TimerWorkflows.DelayThenWriteLine(id));
        var startedAt = await TimerWorkflows.ClockAsync(ownerB);
        var template = await TimerWorkflows.ExecuteAsync(ownerB, id);
        await TimerRows.CloneWaitingInstanceAsync(_database.ConnectionString, template, Timers - 1, "k");
        await using var nodeA = ServerNode.Start(NodeSettings("node-a"));
        await nodeA.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        using var ownerA = nodeA.As("procesbeheerder", TimeSpan.FromMinutes(5));
        var clockA = startedAt + TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1);

        var firingOnA = TimerWorkflows.MoveClockAsync(ownerA, clockA);
        await Eventually.Until(() => TimerRows.FinishedAsync(_database.ConnectionString, id), n => n >= Timers / 10, TimeSpan.FromSeconds(90));
        nodeA.Kill();
        var finishedByA = await TimerRows.FinishedAsync(_database.ConnectionString, id);
        var leftLeased = await TimerRows.CountAsync(_database.ConnectionString, "SELECT count(*) FROM bookmarks WHERE lease_owner = 'node-a'");
        var requestToA = await Record.ExceptionAsync(() => firingOnA);
        output.WriteLine($"Node A finished {finishedByA} of {Timers} before it was killed; it left {leftLeased} timers claimed under its lease");
        Assert.InRange(finishedByA, 1, Timers - 1);
        Assert.NotNull(requestToA);

        var watch = Stopwatch.StartNew();
        var firedByB = await TimerWorkflows.MoveClockAsync(ownerB, clockA + Lease + TimeSpan.FromSeconds(5));
        output.WriteLine($"Node B fired {firedByB} timers in {watch.Elapsed.TotalSeconds:0.0} s ({firedByB / watch.Elapsed.TotalSeconds:0} timers/s)");

        var totals = await TimerRows.TotalsAsync(_database.ConnectionString, id);
        output.WriteLine($"Instances {totals.Instances}, finished {totals.Finished}, Resumed rows {totals.Resumed}, WriteLine completed {totals.WriteLines}, bookmarks left {totals.Bookmarks}");
        Assert.Empty(await TimerRows.NotResumedExactlyOnceAsync(_database.ConnectionString, id));
        Assert.Equal((Timers, Timers, Timers, Timers, 0L), totals);
    }

    private Dictionary<string, string?> NodeSettings(string nodeName)
    {
        var settings = _database.Settings();
        settings["Klachten:Clock"] = "Manual";
        settings["Klachten:Runtime:NodeName"] = nodeName;
        settings["Klachten:Runtime:TimerLease"] = Lease.ToString();
        settings["Klachten:Runtime:TimerPollInterval"] = "00:10:00";
        settings["Logging:LogLevel:Default"] = "Warning";
        return settings;
    }
}
