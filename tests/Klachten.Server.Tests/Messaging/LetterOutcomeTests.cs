using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Klachten.Contracts;
using Klachten.Server.Tests.Procedure;
using Klachten.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Klachten.Server.Tests.Messaging;

/// <summary>
/// <see cref="LetterSent"/> from the notification service (played by the test's bus) updates the case: the letter
/// shows as sent with the PDF's hash, with one timeline line however often the event arrives. PostgreSQL only: the
/// overlap test holds a row lock to make two handlers meet every run, which SQLite's database-wide lock cannot do.
/// </summary>
public sealed class LetterOutcomeTests(PostgreSqlMessagingServerFixture fixture) : IClassFixture<PostgreSqlMessagingServerFixture>
{
    private const string SentLine = "Brief 'Ontvangstbevestiging' verzonden.";

    private readonly ProcedureDriver _driver = new(fixture.Factory);

    [Fact]
    public async Task LetterSent_ForRequestedLetter_CaseShowsItSentWithItsHash()
    {
        var (complaint, sent) = await ReceiptLetterSentAsync();

        await PublishAsync(sent);

        var @case = await Eventually.Until(() => _driver.CaseAsync(complaint), c => (string?)Receipt(c)["status"] == "Sent");
        var letter = Receipt(@case);
        Assert.Equal(sent.Sha256, (string?)letter["sha256"]);
        Assert.Equal(sent.SentAt, letter["sentAt"]!.GetValue<DateTimeOffset>());
        Assert.Single(CaseAssert.Timeline(@case), SentLine);
    }

    [Fact]
    public async Task LetterSent_Twice_AddsOneTimelineLine()
    {
        var (complaint, sent) = await ReceiptLetterSentAsync();
        using var consumed = ConsumedLetterSent.Observe(fixture.Factory);

        await PublishAsync(sent);
        await Eventually.Until(() => _driver.CaseAsync(complaint), c => (string?)Receipt(c)["status"] == "Sent");
        await PublishAsync(sent);
        await consumed.WaitAsync(sent, times: 2);

        Assert.Single(CaseAssert.Timeline(await _driver.CaseAsync(complaint)), SentLine);
    }

    [Fact]
    public async Task LetterSent_TwiceAtOnce_AddsOneTimelineLine()
    {
        // Two copies handled side by side, as a redelivery to two consumers (or two server nodes) can be. The test holds
        // the letter row until both handlers are inside their transactions, so the overlap happens every run.
        var (complaint, sent) = await ReceiptLetterSentAsync();
        using var consumed = ConsumedLetterSent.Observe(fixture.Factory);
        await using (var hold = await LetterRowHold.TakeAsync(fixture.ConnectionString, sent.LetterMessageId))
        {
            await Task.WhenAll(PublishAsync(sent), PublishAsync(sent));
            await Eventually.Until(async () => await hold.WaitingSessionsAsync() + consumed.Times(sent) >= 2);
        }

        await consumed.WaitAsync(sent, times: 2);

        var @case = await _driver.CaseAsync(complaint);
        Assert.Equal("Sent", (string?)Receipt(@case)["status"]);
        Assert.Single(CaseAssert.Timeline(@case), SentLine);
    }

    [Fact]
    public async Task ReceiptTerm_TaskDoneButLetterNotYetSent_IsOpenUntilLetterSentMeetsItOnItsDay()
    {
        // Article 3 asks for a written confirmation: completing the task is not enough, the letter must have gone.
        var (complaint, sent) = await ReceiptLetterSentAsync();
        var term = CaseAssert.Term(await _driver.CaseAsync(complaint), Titles.Receipt);
        Assert.Equal((null, null), ((bool?)term["met"], (string?)term["metOn"]));

        await PublishAsync(sent);

        var @case = await Eventually.Until(() => _driver.CaseAsync(complaint), c => (string?)Receipt(c)["status"] == "Sent");
        term = CaseAssert.Term(@case, Titles.Receipt);
        Assert.True((bool?)term["met"]);
        Assert.Equal(AmsterdamTime.Local(sent.SentAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (string?)term["metOn"]);
    }

    [Fact]
    public async Task ReceiptTerm_LetterSentAfterTheTermPassed_IsMissed()
    {
        var (complaint, sent) = await ReceiptLetterSentAsync();
        var expiresAt = CaseAssert.Term(await _driver.CaseAsync(complaint), Titles.Receipt)["expiresAt"]!.GetValue<DateTimeOffset>();

        await PublishAsync(sent with { SentAt = expiresAt.AddHours(1) });

        var @case = await Eventually.Until(() => _driver.CaseAsync(complaint), c => (string?)Receipt(c)["status"] == "Sent");
        var term = CaseAssert.Term(@case, Titles.Receipt);
        Assert.Equal((false, null), ((bool?)term["met"], (string?)term["metOn"]));
    }

    /// <summary>A complaint whose receipt letter reached the broker, and the LetterSent the notification service would answer.</summary>
    private async Task<(Registered Complaint, LetterSent Sent)> ReceiptLetterSentAsync()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.TodayAsync()));
        await _driver.ConfirmReceiptAsync(complaint);
        var letter = (await fixture.Recorder.WaitForAsync(d => d.Letter.ComplaintId == complaint.Id, 1)).Single().Letter;
        var pdf = Encoding.UTF8.GetBytes($"%PDF-1.7 {letter.LetterKind} {letter.CaseReference}");
        var sentAt = new DateTimeOffset(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        return (complaint, new LetterSent(Guid.NewGuid().ToString(), letter.MessageId, complaint.Id, letter.CaseReference, letter.LetterKind,
            Convert.ToHexStringLower(SHA256.HashData(pdf)), sentAt, [$"<{Guid.NewGuid():N}@integratiewerk.local>"], [], pdf));
    }

    /// <summary>The same event each time: the same envelope id, as a redelivery or a re-publish would carry.</summary>
    private Task PublishAsync(LetterSent sent) => fixture.Recorder.Bus.Publish(sent, context => context.MessageId = Guid.Parse(sent.MessageId));

    private static JsonObject Receipt(JsonObject @case) => Assert.Single(CaseAssert.Letters(@case), l => (string?)l["kind"] == "Ontvangstbevestiging");

    /// <summary>Counts the server's finished LetterSent consumptions per envelope id, so a test knows a repeat was handled.</summary>
    private sealed class ConsumedLetterSent : IConsumeObserver, IDisposable
    {
        private readonly ConcurrentDictionary<Guid, int> _done = new();
        private readonly ConcurrentQueue<string> _faults = new();
        private ConnectHandle? _handle;

        public static ConsumedLetterSent Observe(Support.KlachtenFactory factory)
        {
            var observer = new ConsumedLetterSent();
            observer._handle = factory.Services.GetRequiredService<IBus>().ConnectConsumeObserver(observer);
            return observer;
        }

        public int Times(LetterSent sent) => _done.GetValueOrDefault(Guid.Parse(sent.MessageId));

        /// <summary>Waits until the event was consumed <paramref name="times"/> times; faulted attempts (retried) do not count.</summary>
        public Task<(int Times, string Faults)> WaitAsync(LetterSent sent, int times) =>
            Eventually.Until(() => Task.FromResult((Times: Times(sent), Faults: string.Join(" | ", _faults))), n => n.Times >= times);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is LetterSent && context.MessageId is { } id)
            {
                _done.AddOrUpdate(id, 1, (_, n) => n + 1);
            }

            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
        {
            _faults.Enqueue($"{typeof(T).Name}: {exception.GetType().Name} {exception.Message}");
            return Task.CompletedTask;
        }

        public void Dispose() => _handle?.Disconnect();
    }

    /// <summary>A lock on one letter row, held by the test until released; counts the sessions that queue behind it.</summary>
    private sealed class LetterRowHold : IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlTransaction _transaction;

        private LetterRowHold(NpgsqlConnection connection, NpgsqlTransaction transaction) => (_connection, _transaction) = (connection, transaction);

        public static async Task<LetterRowHold> TakeAsync(string connectionString, string letterId)
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var transaction = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand("SELECT 1 FROM letters WHERE id = @id FOR UPDATE", connection, transaction);
            command.Parameters.AddWithValue("id", letterId);
            Assert.Equal(1, await command.ExecuteScalarAsync());
            return new LetterRowHold(connection, transaction);
        }

        public async Task<long> WaitingSessionsAsync()
        {
            await using var probe = new NpgsqlConnection(_connection.ConnectionString);
            await probe.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", probe);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        public async ValueTask DisposeAsync()
        {
            await _transaction.RollbackAsync();
            await _transaction.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }
}
