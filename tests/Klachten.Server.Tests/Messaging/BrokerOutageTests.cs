using System.Diagnostics;
using System.Net;
using Klachten.Contracts;
using Klachten.Server.Tests.EndToEnd;
using Klachten.Server.Tests.Procedure;
using Klachten.Server.Tests.Support;
using Klachten.Testing;
using Klachten.Testing.Mail;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Klachten.Server.Tests.Messaging;

/// <summary>
/// The broker goes away while people keep working: steps go on, letters wait in the outbox, and when the broker is
/// back every letter is delivered exactly once. The broker is a node of this class alone, so stopping it touches no
/// other test. Beside the recorder (which sees every delivery on the broker), the real notification and archive
/// consumers run on the node too: each letter is e-mailed once per recipient, shows as sent and is archived once.
/// </summary>
public abstract class BrokerOutageTests(Provider provider, ITestOutputHelper output) : IAsyncLifetime
{
    private DedicatedRabbitMqNode? _node;
    private LetterRecorder? _recorder;
    private TestDatabase? _database;
    private KlachtenFactory? _server;
    private SmtpTestServer? _smtp;
    private ServicesHost? _services;

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
            _smtp = SmtpTestServer.Start();
            _services = await ServicesHost.StartAsync(_node.Uri, _database, _smtp.Port, _server.Services.GetRequiredService<TimeProvider>());
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
        await MessagingSettings.DisposeAllAsync(_services, _smtp, _server, _recorder, _database, _node);
        (_services, _smtp, _server, _recorder, _database, _node) = (null, null, null, null, null, null);
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
        List<Registered> during;
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
        output.WriteLine($"Broker down {outage.Elapsed.TotalSeconds:0.0} s: {during.Count} complaints registered and the first moved on, {pending.Count} letters waiting, /health/ready {(int)ready}");
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

        // The real services: every letter e-mailed once per recipient, Sent on its case, archived once.
        Registered[] complaints = [first, .. during];
        var requested = await Delivered.RequestedAsync(driver, complaints);
        Assert.Equal(rows.Count, requested.Count);
        await Delivered.AllSentAsync(driver, requested.Count, TimeSpan.FromSeconds(60), complaints);
        await Delivered.QueuesDrainedAsync(_node.Node, "/");
        var sent = Delivered.ExactlyOncePerRecipient(_smtp!, requested);
        var archived = await _services!.ArchivedAsync(complaints.Select(c => c.Id));
        Assert.Equal(
            sent.Select(s => (s.Request.ComplaintId, "Brief:" + s.Request.LetterKind, Pdfs.Sha256(s.Pdf))).Order().ToList(),
            archived.Where(d => d.Kind.StartsWith("Brief:", StringComparison.Ordinal)).Select(d => (d.ComplaintId, d.Kind, d.Sha256)).Order().ToList());
        output.WriteLine($"Real consumers: {sent.Sum(s => s.Emails.Count)} e-mails for {sent.Count} letters, each once; {archived.Count} documents archived");
    }

    /// <summary>Registrations and task completions while the broker is away (each checks its 2xx); returns the complaints registered.</summary>
    private static async Task<List<Registered>> WorkDuringOutageAsync(ProcedureDriver driver, Registered first, DateOnly today)
    {
        var registered = new List<Registered>();
        for (var i = 0; i < 3; i++)
        {
            var complaint = await driver.RegisterAsync(ProcedureDriver.Complaint(today));
            await driver.ConfirmReceiptAsync(complaint);
            registered.Add(complaint);
        }

        await driver.ContactAsync(first);
        await driver.SubmitAsync(first);
        var lapsed = await driver.RegisterAsync(LetterAssert.Lapsed(today, 1));
        Assert.Equal("NotAdmissible", lapsed.Status);
        Assert.Single(await driver.OutboxAsync(lapsed, nameof(SendLetter)));
        registered.Add(lapsed);
        return registered;
    }

    private async Task<HttpStatusCode> ReadinessAsync()
    {
        using var client = _server!.CreateClient();
        return (await client.GetAsync("/health/ready")).StatusCode;
    }
}

public sealed class SqliteBrokerOutageTests(ITestOutputHelper output) : BrokerOutageTests(Provider.Sqlite, output);

public sealed class PostgreSqlBrokerOutageTests(ITestOutputHelper output) : BrokerOutageTests(Provider.PostgreSql, output);
