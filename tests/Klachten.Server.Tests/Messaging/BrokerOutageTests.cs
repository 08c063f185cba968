using System.Diagnostics;
using System.Net;
using Klachten.Contracts;
using Klachten.Server.Tests.Procedure;
using Klachten.Server.Tests.Support;
using Klachten.Testing;
using Xunit.Abstractions;

namespace Klachten.Server.Tests.Messaging;

/// <summary>
/// The broker goes away while people keep working: steps go on, letters wait in the outbox, and when the broker is
/// back every letter is delivered exactly once. The broker is a node of this class alone, so stopping it touches no
/// other test.
/// </summary>
public abstract class BrokerOutageTests(Provider provider, ITestOutputHelper output) : IAsyncLifetime
{
    private DedicatedRabbitMqNode? _node;
    private LetterRecorder? _recorder;
    private TestDatabase? _database;
    private KlachtenFactory? _server;

    public async Task InitializeAsync()
    {
        try
        {
            _node = await DedicatedRabbitMqNode.StartAsync();
            output.WriteLine($"Dedicated RabbitMQ node {_node.Node} started in {_node.StartedIn.TotalSeconds:0.0} s");
            _recorder = await LetterRecorder.StartAsync(_node.Uri);
            _database = await TestDatabase.CreateAsync(provider, GetType().Name);
            var settings = MessagingSettings.For(_database, _node.Uri);

            // The relay's back-off is capped low so the test need not wait up to half a minute once the broker is back.
            settings["Klachten:Outbox:MaxBackoff"] = "00:00:02";
            _server = new KlachtenFactory(settings);
            _ = _server.Server;
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        // The node last, and always: a failed test must not leave a broker running.
        await MessagingSettings.DisposeAllAsync(_server, _recorder, _database, _node);
        (_server, _recorder, _database, _node) = (null, null, null, null);
    }

    [Fact]
    public async Task BrokerDown_WorkGoesOn_EveryLetterDeliveredOnceWhenItIsBack()
    {
        var driver = new ProcedureDriver(_server!);
        var today = await driver.TodayAsync();
        var first = await driver.RegisterAsync(ProcedureDriver.Complaint(today));
        await driver.ConfirmReceiptAsync(first);
        await _recorder!.WaitForAsync(d => d.Letter.ComplaintId == first.Id, 1);
        await Eventually.Until(() => MessagingSettings.OutboxAsync(_server!), r => r.Count == 1 && r[0].SentAt is not null);

        await _node!.StopAppAsync();
        var outage = Stopwatch.StartNew();
        int during;
        try
        {
            during = await WorkDuringOutageAsync(driver, first, today).WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            Assert.Fail("With the broker down, registering and completing tasks did not finish within 20 s: steps must not wait for the broker.");
            throw;
        }

        var pending = (await MessagingSettings.OutboxAsync(_server!)).Where(r => r.SentAt is null).ToList();
        var ready = await ReadinessAsync();
        output.WriteLine($"Broker down {outage.Elapsed.TotalSeconds:0.0} s: {during} steps answered, {pending.Count} letters waiting, /health/ready {(int)ready}");
        Assert.Equal(5, pending.Count);

        await _node.StartAppAsync();
        var back = _recorder.Now;
        var rows = await Eventually.Until(
            () => MessagingSettings.OutboxAsync(_server!), r => r.Count == 6 && r.All(m => m.SentAt is not null), TimeSpan.FromSeconds(30));
        var arrived = await _recorder.WaitForAsync(d => d.Letter.LetterKind != "Fence", rows.Count, TimeSpan.FromSeconds(30));
        await _recorder.FenceAsync();

        output.WriteLine($"Broker back: {pending.Count} waiting letters delivered {(arrived.Max(d => d.At) - back).TotalSeconds:0.0} s after start_app; " +
            $"attempts per row: {string.Join(", ", rows.GroupBy(r => r.Attempts).Select(g => $"{g.Key}: {g.Count()}"))}");
        LetterAssert.ExactlyOnce(rows, _recorder.Deliveries);
        await Eventually.Until(async () => await ReadinessAsync() == HttpStatusCode.OK);
    }

    /// <summary>Registrations and task completions while the broker is away (each checks its 2xx); returns how many.</summary>
    private static async Task<int> WorkDuringOutageAsync(ProcedureDriver driver, Registered first, DateOnly today)
    {
        var steps = 0;
        for (var i = 0; i < 3; i++)
        {
            var complaint = await driver.RegisterAsync(ProcedureDriver.Complaint(today));
            await driver.ConfirmReceiptAsync(complaint);
            steps += 2;
        }

        await driver.ContactAsync(first);
        await driver.SubmitAsync(first);
        var lapsed = await driver.RegisterAsync(LetterAssert.Lapsed(today, 1));
        Assert.Equal("NotAdmissible", lapsed.Status);
        Assert.Single(await driver.OutboxAsync(lapsed, nameof(SendLetter)));
        return steps + 3;
    }

    private async Task<HttpStatusCode> ReadinessAsync()
    {
        using var client = _server!.CreateClient();
        return (await client.GetAsync("/health/ready")).StatusCode;
    }
}

public sealed class SqliteBrokerOutageTests(ITestOutputHelper output) : BrokerOutageTests(Provider.Sqlite, output);

public sealed class PostgreSqlBrokerOutageTests(ITestOutputHelper output) : BrokerOutageTests(Provider.PostgreSql, output);
