using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Klachten.Contracts;
using Klachten.Server.Tests.Messaging;
using Klachten.ServiceDefaults;
using Klachten.Testing;
using MassTransit;
using Npgsql;
using Xunit.Abstractions;

namespace Klachten.Server.Tests.EndToEnd;

/// <summary>
/// The archive worker as a real process, killed (SIGKILL) while it works through a queue of sent letters: what it had
/// taken but not acknowledged goes to the next worker, and every letter ends up in the dossier exactly once.
/// </summary>
public sealed class ArchiveWorkerKilledTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Queue = "archive-letter-sent";
    private const int Letters = 150;

    private readonly List<NotificationWorkerProcess> _workers = [];
    private RabbitMqVhost? _vhost;
    private string? _archiveDatabase;
    private IBusControl? _bus;

    public async Task InitializeAsync()
    {
        _vhost = await RabbitMqVhost.CreateOnSharedBrokerAsync("archive-kill");
        _archiveDatabase = await PostgresServer.CreateDatabaseAsync("archive_kill");
        _bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(_vhost.Uri);
            cfg.MessageTopology.SetEntityNameFormatter(new KebabCaseEntityNameFormatter());
        });
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _bus.StartAsync(limit.Token);
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        if (_bus is not null)
        {
            await _bus.StopAsync(CancellationToken.None);
        }

        if (_archiveDatabase is not null)
        {
            await PostgresServer.DropDatabaseAsync(_archiveDatabase);
        }

        if (_vhost is not null)
        {
            await _vhost.DisposeAsync();
        }
    }

    [Fact]
    public async Task WorkerKilledMidQueue_NextWorkerArchivesTheRest_EveryLetterOnce()
    {
        var clock = Stopwatch.StartNew();
        var first = await StartWorkerAsync();
        var letters = Enumerable.Range(1, Letters).Select(Letter).ToList();
        await Task.WhenAll(letters.Select(l => _bus!.Publish(l)));
        output.WriteLine($"{Letters} LetterSent published after {clock.Elapsed.TotalSeconds:0.0} s");

        // Killed as soon as the first letter is in the dossier: it has more taken (prefetched) than acknowledged.
        var atKill = await Eventually.Until(DocumentCountAsync, n => n >= 1, TimeSpan.FromSeconds(60));
        await first.KillAsync();
        var afterKill = await DocumentCountAsync();
        output.WriteLine($"Killed after {clock.Elapsed.TotalSeconds:0.0} s with {afterKill} of {Letters} archived");
        Assert.InRange(afterKill, 1, Letters - 1);

        await StartWorkerAsync();
        var documents = await Eventually.Until(DocumentsAsync, d => d.Count >= Letters, TimeSpan.FromSeconds(120));
        await Eventually.Until(() => Delivered.QueueAsync(_vhost!.Node, _vhost.Name, Queue), q => q.Ready == 0 && q.Unacknowledged == 0, TimeSpan.FromSeconds(30));
        output.WriteLine($"All archived after {clock.Elapsed.TotalSeconds:0.0} s (first count seen {atKill})");

        Assert.Equal(Letters, documents.Count);
        Assert.Equal(letters.Select(l => (l.MessageId, l.Sha256)).Order(), documents.Order());
    }

    private static LetterSent Letter(int number)
    {
        var pdf = Encoding.ASCII.GetBytes($"%PDF-1.7\nBrief {number}\n%%EOF\n").Concat(RandomNumberGenerator.GetBytes(2048)).ToArray();
        var reference = $"K-2026-{number:0000}";
        return new LetterSent(
            $"letter-sent-{Guid.NewGuid():N}", $"send-letter-{Guid.NewGuid():N}", Guid.NewGuid(), reference, "Ontvangstbevestiging",
            Convert.ToHexStringLower(SHA256.HashData(pdf)), DateTimeOffset.UtcNow.AddMinutes(-5), [$"<{number}@klachten.test>"], [], pdf);
    }

    private async Task<NotificationWorkerProcess> StartWorkerAsync()
    {
        var worker = NotificationWorkerProcess.Start(NotificationWorkerProcess.ArchiveDll, new Dictionary<string, string?>
        {
            ["Klachten:Messaging:Transport"] = "RabbitMq",
            ["ConnectionStrings:RabbitMq"] = _vhost!.Uri.ToString(),
            ["Klachten:Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Archive"] = _archiveDatabase,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        _workers.Add(worker);
        await worker.WaitReadyAsync(TimeSpan.FromSeconds(60));
        await Eventually.Until(() => Delivered.QueueAsync(_vhost.Node, _vhost.Name, Queue), q => q.Consumers == 1, TimeSpan.FromSeconds(20));
        return worker;
    }

    private async Task<int> DocumentCountAsync() => (await DocumentsAsync()).Count;

    /// <summary>The dossier as the archive stored it: the message each document came from, and its hash.</summary>
    private async Task<List<(string SourceMessageId, string Sha256)>> DocumentsAsync()
    {
        await using var connection = new NpgsqlConnection(_archiveDatabase);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT to_regclass('archive.documents') IS NOT NULL", connection);
        if (await command.ExecuteScalarAsync() is not true)
        {
            return [];
        }

        command.CommandText = "SELECT source_message_id, sha256 FROM archive.documents";
        await using var reader = await command.ExecuteReaderAsync();
        var documents = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            documents.Add((reader.GetString(0), reader.GetString(1)));
        }

        return documents;
    }
}
