using System.Diagnostics;
using System.Globalization;
using Klachten.Server.Tests.Messaging;
using Klachten.Server.Tests.Procedure;
using Klachten.Server.Tests.Support;
using Klachten.Testing;
using Klachten.Testing.Mail;
using Xunit.Abstractions;

namespace Klachten.Server.Tests.EndToEnd;

/// <summary>
/// The notification worker as a real process, killed (SIGKILL) while it holds a letter it has not acknowledged: the
/// broker gives the letter to the next worker, which sends it once. The SMTP server holds the first worker at MAIL FROM,
/// so the kill falls between rendering (committed in the inbox) and the first e-mail.
/// </summary>
public sealed class WorkerKilledTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Queue = "send-letter";

    private readonly List<NotificationWorkerProcess> _workers = [];
    private RabbitMqVhost? _vhost;
    private TestDatabase? _database;
    private string? _workerDatabase;
    private SmtpTestServer? _smtp;
    private KlachtenFactory? _server;
    private LetterSentRecorder? _recorder;
    private NotificationWorkerProcess? _first;

    public async Task InitializeAsync()
    {
        try
        {
            _vhost = await RabbitMqVhost.CreateOnSharedBrokerAsync("worker");
            _smtp = SmtpTestServer.Start();
            _database = await TestDatabase.CreateAsync(Provider.PostgreSql, nameof(WorkerKilledTests));
            _workerDatabase = await PostgresServer.CreateDatabaseAsync("worker");
            _recorder = await LetterSentRecorder.StartAsync(_vhost.Uri);
            _server = new KlachtenFactory(MessagingSettings.For(_database, _vhost.Uri));

            // The first worker starts while the server does: both take seconds, neither needs the other.
            var worker = StartWorkerAsync();
            await Task.Run(() => _ = _server.Server);
            _first = await worker;
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        // Workers first (never leave a process behind), the vhost last.
        await MessagingSettings.DisposeAllAsync([.. _workers, _recorder, _server, _smtp, new Dropping(_workerDatabase), _database, _vhost]);
        _workers.Clear();
    }

    [Fact]
    public async Task WorkerKilledMidConsume_LetterRedeliveredToTheNextWorker_SentOnce()
    {
        var clock = Stopwatch.StartNew();
        var first = _first!;
        _smtp!.HoldAtMailFrom();
        var driver = new ProcedureDriver(_server!);
        var complaint = await driver.RegisterAsync(LetterAssert.WithRepresentative(await driver.TodayAsync()));
        await driver.ConfirmReceiptAsync(complaint);

        await _smtp.WaitUntilHeldAsync(TimeSpan.FromSeconds(30));
        output.WriteLine($"Held at MAIL FROM after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(new QueueState(true, 0, 1, 1), await QueueAsync());
        await first.KillAsync();
        output.WriteLine($"Worker {first.Id} killed at MAIL FROM after {clock.Elapsed.TotalSeconds:0.0} s");

        // The broker takes the unacknowledged letter back; nothing went out.
        await Eventually.Until(QueueAsync, q => q == new QueueState(true, 1, 0, 0), TimeSpan.FromSeconds(20));
        _smtp.Release();
        var requested = Assert.Single(await Delivered.RequestedAsync(driver, complaint));
        Assert.DoesNotContain(_smtp.Messages, m => m.Headers[Delivered.LetterIdHeader] == requested.MessageId);

        await StartWorkerAsync();
        output.WriteLine($"Second worker ready after {clock.Elapsed.TotalSeconds:0.0} s");
        await Delivered.AllSentAsync(driver, 1, TimeSpan.FromSeconds(60), complaint);
        await Eventually.Until(() => Task.FromResult(_recorder!.Sent.Count), n => n >= 1, TimeSpan.FromSeconds(20));
        // Fence: the services have nothing left to do, and everything announced before the marker has been recorded,
        // so a late duplicate LetterSent would be counted by the Single below.
        await Delivered.QueuesDrainedAsync(_vhost!.Node, _vhost.Name);
        await _recorder!.FenceAsync();
        output.WriteLine($"Letter sent by the second worker after {clock.Elapsed.TotalSeconds:0.0} s");

        var sent = Assert.Single(Delivered.ExactlyOncePerRecipient(_smtp, [requested]));
        Assert.Equal(3, sent.Emails.Count);
        var announced = Assert.Single(_recorder.Sent);
        Assert.Equal(requested.MessageId, announced.LetterMessageId);
        Assert.Equal(Pdfs.Sha256(sent.Pdf), announced.Sha256);
        var @case = await driver.CaseAsync(complaint);
        var letter = Assert.Single(CaseAssert.Letters(@case));
        Assert.Equal(("Sent", announced.Sha256), ((string?)letter["status"], (string?)letter["sha256"]));
        Assert.Single(CaseAssert.Timeline(@case), t => t.StartsWith("Brief 'Ontvangstbevestiging' verzonden", StringComparison.Ordinal));
    }

    private Task<QueueState> QueueAsync() => Delivered.QueueAsync(_vhost!.Node, _vhost.Name, Queue);

    /// <summary>Starts a worker and waits until it is ready and consumes the letter queue.</summary>
    private async Task<NotificationWorkerProcess> StartWorkerAsync()
    {
        var worker = NotificationWorkerProcess.Start(new Dictionary<string, string?>
        {
            ["Klachten:Messaging:Transport"] = "RabbitMq",
            ["ConnectionStrings:RabbitMq"] = _vhost!.Uri.ToString(),
            ["Klachten:Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Notifications"] = _workerDatabase,
            // Development writes .eml files by default; this worker e-mails over SMTP.
            ["Klachten:Notifications:PickupDirectory"] = string.Empty,
            ["Klachten:Notifications:Smtp:Host"] = "127.0.0.1",
            ["Klachten:Notifications:Smtp:Port"] = _smtp!.Port.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        _workers.Add(worker);
        await worker.WaitReadyAsync(TimeSpan.FromSeconds(60));
        await Eventually.Until(QueueAsync, q => q.Consumers == 1, TimeSpan.FromSeconds(20));
        return worker;
    }

    private sealed class Dropping(string? connectionString) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (connectionString is not null)
            {
                await PostgresServer.DropDatabaseAsync(connectionString);
            }
        }
    }
}
