using System.Diagnostics;
using Klachten.Server.Tests.Support;
using Xunit.Abstractions;

namespace Klachten.Server.Tests.Timers;

/// <summary>Two server nodes on one PostgreSQL database fire 10,000 due timers between them, each exactly once.</summary>
[Collection(TimerScaleCollection.Name)]
public sealed class TwoNodeTimerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Timers = 10_000;

    private TwoNodes _nodes = null!;

    public async Task InitializeAsync() => _nodes = await TwoNodes.StartAsync(nameof(TwoNodeTimerTests), TwoNodes.ManualClocks);

    public async Task DisposeAsync() => await _nodes.DisposeAsync();

    [Fact]
    public async Task MoveBothClocks_TenThousandDueTimers_EachFiresExactlyOnce()
    {
        var id = ElsaJson.NewDefinitionId();
        var ownerA = Client(_nodes.A);
        var ownerB = Client(_nodes.B);
        await TimerWorkflows.PublishAsync(ownerA, TimerWorkflows.DelayThenWriteLine(id));
        var startedAt = await TimerWorkflows.ClockAsync(ownerA);
        var creation = Stopwatch.StartNew();
        var template = await TimerWorkflows.ExecuteAsync(ownerA, id);
        await TimerRows.CloneWaitingInstanceAsync(_nodes.Database.ConnectionString, template, Timers - 1, "c");
        output.WriteLine($"Created {Timers} waiting instances (one through the API, the rest copied in SQL) in {creation.Elapsed.TotalSeconds:0.0} s");

        var due = startedAt + TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1);
        var firing = Stopwatch.StartNew();
        var fired = await Task.WhenAll(TimerWorkflows.MoveClockAsync(ownerA, due), TimerWorkflows.MoveClockAsync(ownerB, due));
        firing.Stop();
        output.WriteLine($"Fired {fired.Sum()} timers in {firing.Elapsed.TotalSeconds:0.0} s ({fired.Sum() / firing.Elapsed.TotalSeconds:0} timers/s): node A {fired[0]}, node B {fired[1]}");

        var totals = await TimerRows.TotalsAsync(_nodes.Database.ConnectionString, id);
        output.WriteLine($"Instances {totals.Instances}, finished {totals.Finished}, Resumed rows {totals.Resumed}, WriteLine completed {totals.WriteLines}, bookmarks left {totals.Bookmarks}");
        Assert.Empty(await TimerRows.NotResumedExactlyOnceAsync(_nodes.Database.ConnectionString, id));
        Assert.Equal((Timers, Timers, Timers, Timers, 0L), totals);
        Assert.Equal(Timers, fired.Sum());
        Assert.All(fired, f => Assert.True(f > 0, $"Both nodes should fire timers: A {fired[0]}, B {fired[1]}"));
    }

    private static HttpClient Client(KlachtenFactory node)
    {
        var client = node.As("procesbeheerder");
        client.Timeout = TimeSpan.FromMinutes(5);
        return client;
    }
}
