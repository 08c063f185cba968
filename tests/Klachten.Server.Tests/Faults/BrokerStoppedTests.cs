using System.Diagnostics;
using System.Net;
using Klachten.Server.Tests.Messaging;
using Klachten.Server.Tests.Procedure;
using Klachten.Server.Tests.Support;
using Klachten.Testing;
using Xunit.Abstractions;

namespace Klachten.Server.Tests.Faults;

/// <summary>
/// The RabbitMQ node process is stopped for 60 s (not a clock trick: the broker is really gone, its port shut) under a
/// running server process while cases keep moving. Steps go on and letters accumulate in the outbox; after the node is
/// back every letter reaches the consumer exactly once (counted by message id), and nothing else arrives.
/// Readiness stays 200 throughout: the server works without the broker (steps commit their messages to the outbox,
/// the relay delivers them later), so the bus health check reports a broker outage as Degraded, not Unhealthy - a
/// load balancer must not take a node out of service for it. The broker and its recorder are this class's own.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class BrokerStoppedTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private DedicatedRabbitMqNode? _broker;
    private LetterRecorder? _recorder;
    private TestDatabase? _database;
    private ServerNode? _server;

    public async Task InitializeAsync()
    {
        try
        {
            _broker = await DedicatedRabbitMqNode.StartAsync();
            _recorder = await LetterRecorder.StartAsync(_broker.Uri);
            _database = await TestDatabase.CreateAsync(Provider.PostgreSql, nameof(BrokerStoppedTests));
            var settings = MessagingSettings.For(_database, _broker.Uri);

            // The relay's back-off is capped low so the letters go soon after the broker is back.
            settings["Klachten:Outbox:MaxBackoff"] = "00:00:02";
            _server = ServerNode.Start(settings);
            var ready = await _server.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
            output.WriteLine($"Broker {_broker.Node} started in {_broker.StartedIn.TotalSeconds:0.0} s; server ready in {ready.TotalSeconds:0.0} s");
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        await MessagingSettings.DisposeAllAsync(_server, _recorder, _database, _broker);
        (_server, _recorder, _database, _broker) = (null, null, null, null);
    }

    [Fact]
    public async Task BrokerProcessStoppedSixtySeconds_CasesMoveOn_EveryLetterDeliveredExactlyOnce_ReadyThroughout()
    {
        var driver = new NodeDriver(_server!, TimeSpan.FromSeconds(30));
        var cs = _database!.ConnectionString;
        var today = await driver.TodayAsync();
        var first = await driver.RegisterAsync(ProcedureDriver.Complaint(today));
        await driver.ConfirmReceiptAsync(first);
        await _recorder!.WaitForAsync(d => d.Letter.ComplaintId == first.Id, 1, Bound);
        await Eventually.Until(() => FaultRows.OutboxAsync(cs), r => r.Count == 1 && r[0].SentAt is not null, Bound);

        // Readiness is sampled all along, once a second, by a watcher beside the work.
        using var stopWatching = new CancellationTokenSource();
        var samples = new List<(TimeSpan At, HttpStatusCode Status, string? Body)>();
        var clock = Stopwatch.StartNew();
        var watcher = WatchReadinessAsync(driver, samples, clock, stopWatching.Token);

        var quietFrom = _recorder.Now;
        await _broker!.HaltAsync();
        var outage = Stopwatch.StartNew();
        var haltedAt = clock.Elapsed;

        // Cases keep moving, one round every two seconds for the whole outage; each step must answer within 10 s.
        var steps = 0;
        var cases = new List<Registered> { first };
        using (var pace = new PeriodicTimer(TimeSpan.FromSeconds(2)))
        {
            var round = 0;
            while (outage.Elapsed < Outage)
            {
                var step = Stopwatch.StartNew();
                var complaint = await driver.RegisterAsync(round % 3 == 2 ? LetterAssert.Lapsed(today, round) : ProcedureDriver.Complaint(today));
                steps++;
                if (complaint.Status != "NotAdmissible")
                {
                    await driver.ConfirmReceiptAsync(complaint);
                    steps++;
                }

                if (round == 5)
                {
                    await driver.ContactAsync(first);
                    await driver.CompleteOpenTaskAsync("directeur", first, Titles.Submit, "Voorgelegd", new() { ["rapportage"] = "Geen oplossing gevonden." });
                    steps += 2;
                }

                Assert.True(step.Elapsed < TimeSpan.FromSeconds(10), $"Round {round} took {step.Elapsed.TotalSeconds:0.0} s with the broker down: steps must not wait for it.");
                cases.Add(complaint);
                round++;
                await pace.WaitForNextTickAsync();
            }
        }

        var pending = (await FaultRows.OutboxAsync(cs)).Where(r => r.SentAt is null).ToList();
        output.WriteLine($"Broker down {outage.Elapsed.TotalSeconds:0.0} s: {steps} steps answered in {cases.Count - 1} new cases, {pending.Count} letters waiting in the outbox");
        Assert.True(pending.Count >= cases.Count - 1, $"Expected at least one waiting letter per new case ({cases.Count - 1}), found {pending.Count}");

        var back = _recorder.Now;
        await _broker.ResumeAsync();
        var resumedAt = clock.Elapsed;
        output.WriteLine($"Broker node back after {outage.Elapsed.TotalSeconds:0.0} s");
        var rows = await Eventually.Until(() => FaultRows.OutboxAsync(cs), r => r.All(m => m.SentAt is not null), Bound);
        var arrived = await _recorder.WaitForAsync(d => d.Letter.LetterKind != "Fence", rows.Count, Bound);
        await _recorder.FenceAsync();
        await stopWatching.CancelAsync();
        await watcher;

        output.WriteLine($"{rows.Count} letters; the waiting ones delivered within {(arrived.Max(d => d.At) - back).TotalSeconds:0.0} s of the node's return; " +
            $"relay attempts per row: {string.Join(", ", rows.GroupBy(r => r.Attempts).Select(g => $"{g.Key}: {g.Count()}"))}");
        AssertExactlyOnce(rows, _recorder.Deliveries);
        Assert.DoesNotContain(_recorder.Deliveries, d => d.At > quietFrom && d.At < back);

        // Every case has its letters: one receipt per formal case, one not-admissible letter per lapsed one, the first case's "voorgelegd" letter.
        Assert.Equal(cases.Count + 1, rows.Count);

        var during = samples.Where(s => s.At > haltedAt && s.At < resumedAt).ToList();
        output.WriteLine($"Readiness: {samples.Count} samples, {during.Count} during the outage; statuses {string.Join(", ", samples.GroupBy(s => s.Status).Select(g => $"{(int)g.Key}: {g.Count()}"))}; " +
            $"during the outage e.g. {during.LastOrDefault().Body}");
        Assert.NotEmpty(during);
        Assert.All(samples, s => Assert.True(s.Status == HttpStatusCode.OK, $"/health/ready {(int)s.Status} at {s.At.TotalSeconds:0.0} s: {s.Body}"));
        Assert.True(during.Count >= 30, $"Only {during.Count} readiness samples during the outage");
        Assert.Contains(during, s => s.Body?.Contains("\"Degraded\"", StringComparison.Ordinal) == true);
    }

    private static async Task WatchReadinessAsync(NodeDriver driver, List<(TimeSpan, HttpStatusCode, string?)> samples, Stopwatch clock, CancellationToken stop)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                var (status, body) = await driver.ReadinessAsync();
                lock (samples)
                {
                    samples.Add((clock.Elapsed, status, body?.ToJsonString()));
                }
            }
            while (await tick.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Each outbox row delivered once, by its id, and nothing else (fence markers aside).</summary>
    private static void AssertExactlyOnce(List<FaultRows.OutboxRow> rows, IReadOnlyList<Delivery> deliveries)
    {
        Assert.NotEmpty(rows);
        var delivered = deliveries.Where(d => d.Letter.LetterKind != "Fence").ToList();
        var twice = delivered.GroupBy(d => d.MessageId).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToList();
        Assert.True(twice.Count == 0, $"Delivered more than once: {string.Join(", ", twice)}");
        Assert.All(delivered, d => Assert.Equal(d.MessageId?.ToString(), d.Letter.MessageId));
        Assert.Equal(rows.Select(r => r.Id).Order(), delivered.Select(d => d.MessageId ?? Guid.Empty).Order());
    }
}
