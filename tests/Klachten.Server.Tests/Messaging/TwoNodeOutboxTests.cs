using Klachten.Server.Tests.Procedure;
using Klachten.Server.Tests.Support;
using Klachten.Testing;
using Xunit.Abstractions;

namespace Klachten.Server.Tests.Messaging;

/// <summary>
/// Two server nodes on one PostgreSQL database and one virtual host, their relays polling fast in small batches so
/// they compete for the same rows: every letter is published once, never by both.
/// </summary>
public sealed class TwoNodeOutboxTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int ComplaintsPerNode = 60;

    private RabbitMqVhost? _vhost;
    private LetterRecorder? _recorder;
    private TestDatabase? _database;
    private KlachtenFactory? _nodeA;
    private KlachtenFactory? _nodeB;

    public async Task InitializeAsync()
    {
        try
        {
            _vhost = await RabbitMqVhost.CreateOnSharedBrokerAsync("messaging-two-nodes");
            _recorder = await LetterRecorder.StartAsync(_vhost.Uri);
            _database = await TestDatabase.CreateAsync(Provider.PostgreSql, nameof(TwoNodeOutboxTests));
            _nodeA = new KlachtenFactory(NodeSettings("node-a"));
            _ = _nodeA.Server;
            _nodeB = new KlachtenFactory(NodeSettings("node-b"));
            _ = _nodeB.Server;
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        await MessagingSettings.DisposeAllAsync(_nodeA, _nodeB, _recorder, _database, _vhost);
        (_nodeA, _nodeB, _recorder, _database, _vhost) = (null, null, null, null, null);
    }

    [Fact]
    public async Task RegisterOnBothNodes_ManyLettersRequested_EachPublishedOnce()
    {
        var nodes = new[] { new ProcedureDriver(_nodeA!), new ProcedureDriver(_nodeB!) };
        var today = await nodes[0].TodayAsync();
        var start = _recorder!.Now;

        // Four clients per node register at once; each complaint has lapsed, so each requests one letter straight away.
        var work = Enumerable.Range(0, 2 * ComplaintsPerNode).Select(n => (Driver: nodes[n % 2], Number: n));
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) =>
            await item.Driver.RegisterAsync(LetterAssert.Lapsed(today, item.Number)));
        var registered = _recorder.Now - start;

        var rows = await Eventually.Until(
            () => MessagingSettings.OutboxAsync(_nodeA!), r => r.Count == 2 * ComplaintsPerNode && r.All(m => m.SentAt is not null), TimeSpan.FromSeconds(30));
        var arrived = await _recorder.WaitForAsync(d => d.Letter.LetterKind == "NietOntvankelijk", rows.Count);
        await _recorder.FenceAsync();

        var bySender = arrived.GroupBy(d => d.SourceAddress).Select(g => g.Count()).ToList();
        output.WriteLine($"{rows.Count} complaints registered on two nodes in {registered.TotalSeconds:0.0} s; last letter at {(arrived.Max(d => d.At) - start).TotalSeconds:0.0} s; " +
            $"published per node: {string.Join(" / ", bySender)}; attempts per row: {string.Join(", ", rows.GroupBy(r => r.Attempts).Select(g => $"{g.Key}: {g.Count()}"))}");
        LetterAssert.ExactlyOnce(rows, _recorder.Deliveries);
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
        Assert.True(bySender.Count == 2, $"Both relays should publish a share; senders: {string.Join(", ", arrived.Select(d => d.SourceAddress).Distinct())}");
    }

    private Dictionary<string, string?> NodeSettings(string nodeName)
    {
        var settings = MessagingSettings.For(_database!, _vhost!.Uri);
        settings["Klachten:Runtime:NodeName"] = nodeName;

        // Fast polls in small batches, so both relays keep reaching for the same rows.
        settings["Klachten:Outbox:PollInterval"] = "00:00:00.020";
        settings["Klachten:Outbox:BatchSize"] = "5";
        return settings;
    }
}
