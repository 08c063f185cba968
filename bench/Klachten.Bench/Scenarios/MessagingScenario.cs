using System.Diagnostics;
using System.Text.Json;
using Klachten.Bench.Messaging;
using Klachten.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace Klachten.Bench.Scenarios;

/// <summary>
/// Letters per second through outbox → relay → RabbitMQ → consumer. N <see cref="SendLetter"/> rows are committed to
/// the server's outbox at once (as workflow steps commit them) and the clock runs until the last one is handled:
/// <list type="bullet">
/// <item><c>raw</c>: a bare consumer in this process that only counts (relay and broker, no work);</item>
/// <item><c>full</c>: the real notification worker process (Liquid → PDF → one e-mail per recipient over SMTP to a
/// sink in this process, inbox rows, <see cref="LetterSent"/> back), until every <see cref="LetterSent"/> arrived.</item>
/// </list>
/// The relay polls once a second when idle, so up to a second of each figure is the wait for its first round.
/// </summary>
internal static class MessagingScenario
{
    public static async Task RunAsync(BenchContext context)
    {
        var letters = context.Quick ? 100 : 500;
        var database = await context.CreateDatabaseAsync("messaging");
        await using var server = ServerNode.Start(context.Options.ServerDll, context.ServerSettings(database));
        await server.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));

        await using (var raw = await LetterBus.StartAsync(context.Options.RabbitMq, LetterBus.RawQueue))
        {
            var ids = await EnqueueAsync(database, letters, recipients: 1);
            var elapsed = await MeasureAsync(() => raw.Received(ids), letters);
            context.Add("messaging", $"raw: {letters} letters outbox -> broker -> bare consumer", letters / elapsed.TotalSeconds, "letters/s",
                note: $"{elapsed.TotalSeconds:0.0} s in all; {Load()}");
            await raw.DeleteQueueAsync();
        }

        await using var smtp = SmtpSink.Start();
        await using var events = await LetterBus.StartAsync(context.Options.RabbitMq, LetterBus.SentQueue);
        var workerDatabase = await context.CreateDatabaseAsync("notifications");
        var worker = await WorkerNode.StartAsync(context.Options.ServerDll, context.Options.RabbitMq, workerDatabase, smtp.Port);
        try
        {
            var ids = await EnqueueAsync(database, letters, recipients: 2);
            var elapsed = await MeasureAsync(() => events.Received(ids), letters);
            context.Add("messaging", $"full: {letters} letters rendered to PDF, 2 e-mails each over SMTP, LetterSent back", letters / elapsed.TotalSeconds, "letters/s",
                note: $"{elapsed.TotalSeconds:0.0} s in all, {smtp.Count} e-mails; {Load()}");
        }
        finally
        {
            // Later scenarios request letters too; with no worker, a queue left behind would only pile them up.
            await events.DeleteQueueAsync();
            await worker.DisposeAsync();
            await LetterBus.DeleteQueueAsync(context.Options.RabbitMq, "send-letter");
        }
    }

    /// <summary>Commits <paramref name="count"/> SendLetter rows in one transaction; returns their ids.</summary>
    private static async Task<HashSet<string>> EnqueueAsync(string database, int count, int recipients)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO outbox_messages (id, message_type, payload_json, created_at, attempts) VALUES (@id, 'SendLetter', @payload, now(), 0)", connection, transaction);
        var id = insert.Parameters.Add("id", NpgsqlDbType.Text);
        var payload = insert.Parameters.Add("payload", NpgsqlDbType.Text);
        for (var i = 0; i < count; i++)
        {
            id.Value = Guid.NewGuid().ToString();
            payload.Value = JsonSerializer.Serialize(Letter((string)id.Value, i, recipients), JsonSerializerOptions.Web);
            await insert.ExecuteNonQueryAsync();
            ids.Add((string)id.Value);
        }

        await transaction.CommitAsync();
        return ids;
    }

    private static async Task<TimeSpan> MeasureAsync(Func<int> handled, int expected)
    {
        var clock = Stopwatch.StartNew();
        while (handled() < expected)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"Only {handled()} of {expected} letters handled in {clock.Elapsed.TotalMinutes:0} minutes.");
            }

            await Task.Delay(10);
        }

        return clock.Elapsed;
    }

    // Other work on the machine bends every figure; the note says how busy it was.
    private static string Load() =>
        File.Exists("/proc/loadavg") ? $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores" : $"{Environment.ProcessorCount} cores";

    private static SendLetter Letter(string id, int number, int recipients)
    {
        var reference = $"K-2026-{number % 10000:0000}";
        LetterRecipient[] people =
        [
            new("klager", "Karin Klager", $"klager{number}@example.nl", "Dorpsstraat 1, 1234 AB Ergens", false),
            new("leidinggevende", "Lars Leidinggevende", "leidinggevende@integratiewerk.local", null, true),
        ];
        return new SendLetter(id, Guid.NewGuid(), reference, "Ontvangstbevestiging", people[..recipients], [], new Dictionary<string, string>
        {
            ["reference"] = reference,
            ["complainantName"] = "Karin Klager",
            ["receivedOn"] = "25 november 2026",
            ["category"] = "de bejegening door een medewerker",
            ["due"] = "9 december 2026",
            ["explanation"] = "De termijn van 10 werkdagen na 25 november 2026 loopt tot en met 9 december 2026; het weekend telt niet mee.",
        }, DateTimeOffset.UtcNow);
    }
}
