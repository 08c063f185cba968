using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Procedure;
using Klachten.Server.Tests.Support;
using Klachten.Testing;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Klachten.Server.Tests.Faults;

/// <summary>
/// kill -9 of the embedded default: one server process on SQLite with the notification and archive services inside it
/// (in-memory bus, e-mail as <c>.eml</c> files in <c>&lt;data&gt;/mail</c>), restarted on the same data directory, the
/// way a small organisation runs it in production. Nothing the server answered for may be lost: no letter, no step.
/// </summary>
[Collection(ServerKillCollection.Name)]
public sealed class EmbeddedCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int CasesPerRound = 40;
    private const int CompletionsAtOnce = 8;
    private const int Rounds = 3;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    private string _data = null!;

    private string ServerFile => Path.Combine(_data, "klachten.db");

    private string MailFolder => Path.Combine(_data, "mail");

    public Task InitializeAsync()
    {
        _data = Directory.CreateTempSubdirectory("klachten-embedded-crash-").FullName;
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task KillRightAfterLastReceiptAnswer_Restarted_EveryReceiptLetterMailedOncePerRecipientAndSent()
    {
        var node = ServerNode.Start(Settings());
        var lost = new List<int>();
        var all = new List<Registered>();
        try
        {
            await node.WaitUntilReadyAsync(ReadyTimeout);
            for (var round = 1; round <= Rounds; round++)
            {
                var driver = new NodeDriver(node);
                var cases = await RegisterAsync(driver, round);
                all.AddRange(cases);
                await ConfirmReceiptsEightAtATimeAsync(driver, cases);
                node.Kill();

                await node.DisposeAsync();
                node = ServerNode.Start(Settings());
                await node.WaitUntilReadyAsync(ReadyTimeout);
                var unsent = await UnsentLettersAfterRestartAsync(all);
                output.WriteLine($"Round {round}: {unsent} of {all.Count} receipt letters not sent {SettleTimeout.TotalSeconds:0} s after the restart");
                lost.Add(unsent);
            }

            Assert.True(lost.All(l => l == 0), $"Receipt letters never sent after a kill, per round (cumulative): {string.Join(", ", lost)}");
            await AssertEachLetterSentAndMailedOnceAsync(new NodeDriver(node), all);
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task KillDuringBurstOfSteps_Restarted_EveryAnsweredStepIsInTheDatabase()
    {
        const int Workers = 8;
        const int KillAfterAnswers = 120;
        var answered = new ConcurrentBag<(string Kind, string Id)>();
        var node = ServerNode.Start(Settings());
        try
        {
            await node.WaitUntilReadyAsync(ReadyTimeout);
            var driver = new NodeDriver(node, TimeSpan.FromSeconds(30));
            var count = 0;
            var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
            {
                for (var i = 0; !killed.Task.IsCompleted; i++)
                {
                    try
                    {
                        var complaint = await driver.RegisterAsync(Complaint($"burst-{worker}-{i}"));
                        answered.Add(("complaint", complaint.Id.ToString()));
                        Count();
                        var task = Assert.Single((await driver.TasksByInstanceAsync("directeur"))[complaint.InstanceId], t => (string?)t["title"] == Titles.Receipt);
                        using var response = await driver.CompleteAsync("directeur", task, "Bevestigd");
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            answered.Add(("task", (string)task["id"]!));
                            Count();
                        }
                    }
                    catch (Exception ex) when (killed.Task.IsCompleted && ex is HttpRequestException or TaskCanceledException or IOException or Xunit.Sdk.XunitException)
                    {
                        return; // in flight when the node died: no answer, no promise
                    }
                }
            })).ToList();

            void Count()
            {
                if (Interlocked.Increment(ref count) == KillAfterAnswers)
                {
                    // Marked first: a request the kill breaks must find the workers expecting it.
                    killed.TrySetResult();
                    node.Kill();
                }
            }

            await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(3));
            await node.DisposeAsync();
            node = ServerNode.Start(Settings());
            await node.WaitUntilReadyAsync(ReadyTimeout);

            var complaints = await QueryAsync("SELECT lower(id) FROM complaints", r => r.GetString(0));
            var completed = await QueryAsync("SELECT id FROM human_tasks WHERE status = 'Completed'", r => r.GetString(0));
            var missing = answered.Where(a => a.Kind == "complaint" ? !complaints.Contains(a.Id.ToLowerInvariant()) : !completed.Contains(a.Id)).ToList();
            output.WriteLine($"{answered.Count} answered steps before the kill ({answered.Count(a => a.Kind == "task")} completions); {missing.Count} missing after the restart");
            Assert.True(answered.Count >= KillAfterAnswers, $"Only {answered.Count} steps answered.");
            Assert.Empty(missing);
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    private static async Task<List<Registered>> RegisterAsync(NodeDriver driver, int round)
    {
        var cases = new ConcurrentBag<Registered>();
        await Parallel.ForEachAsync(Enumerable.Range(1, CasesPerRound), new ParallelOptions { MaxDegreeOfParallelism = CompletionsAtOnce }, async (i, _) =>
            cases.Add(await driver.RegisterAsync(Complaint($"ronde-{round}-{i:00}"))));
        return [.. cases.OrderBy(c => c.Reference, StringComparer.Ordinal)];
    }

    private static async Task ConfirmReceiptsEightAtATimeAsync(NodeDriver driver, List<Registered> cases)
    {
        var tasks = await driver.TasksByInstanceAsync("directeur");
        foreach (var chunk in cases.Chunk(CompletionsAtOnce))
        {
            await Task.WhenAll(chunk.Select(async complaint =>
            {
                var task = Assert.Single(tasks[complaint.InstanceId], t => (string?)t["title"] == Titles.Receipt);
                using var response = await driver.CompleteAsync("directeur", task, "Bevestigd");
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"Confirming receipt of {complaint.Reference}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }));
        }
    }

    /// <summary>Waits (bounded) until every receipt letter of <paramref name="cases"/> is Sent; returns how many are not.</summary>
    private async Task<int> UnsentLettersAfterRestartAsync(List<Registered> cases)
    {
        async Task<int> UnsentAsync() => (await QueryAsync("SELECT status FROM letters WHERE kind = 'Ontvangstbevestiging'", r => r.GetString(0)))
            .Count(s => s != "Sent") + (cases.Count - (await QueryAsync("SELECT id FROM letters WHERE kind = 'Ontvangstbevestiging'", r => r.GetString(0))).Count);

        try
        {
            return await Eventually.Until(UnsentAsync, unsent => unsent == 0, SettleTimeout);
        }
        catch (TimeoutException)
        {
            return await UnsentAsync();
        }
    }

    /// <summary>
    /// Each case shows its one receipt letter Sent with one timeline line, and the pickup folder holds exactly one
    /// <c>.eml</c> per recipient with an address of each letter, and none of any other letter.
    /// </summary>
    private async Task AssertEachLetterSentAndMailedOnceAsync(NodeDriver driver, List<Registered> cases)
    {
        // Per letter, the recipients with an e-mail address, as the outbox row requested it.
        var emails = (await QueryAsync("SELECT id, payload_json FROM outbox_messages WHERE message_type = 'SendLetter'", r => (Id: r.GetString(0), Payload: r.GetString(1))))
            .ToDictionary(r => r.Id, r => JsonNode.Parse(r.Payload)!["recipients"]!.AsArray().Count(p => !string.IsNullOrEmpty((string?)p!["email"])), StringComparer.Ordinal);
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var complaint in cases)
        {
            var @case = await driver.CaseAsync(complaint);
            var letter = Assert.Single(CaseAssert.Letters(@case), l => (string?)l["kind"] == "Ontvangstbevestiging");
            Assert.Equal("Sent", (string?)letter["status"]);
            Assert.Single(CaseAssert.Timeline(@case), "Brief 'Ontvangstbevestiging' verzonden.");
            expected[(string)letter["id"]!] = emails[(string)letter["id"]!];
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, emails.Count);

        var mails = Directory.GetFiles(MailFolder, "*.eml").Select(Path.GetFileName).ToList();
        var perLetter = mails.GroupBy(f => f!.Split('.')[0], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), perLetter.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, e =>
        {
            Assert.True(e.Value > 0, $"Letter {e.Key} has no recipient with an e-mail address.");
            var positions = perLetter[e.Key].Select(f => f!.Split('.')[2].Split('_')[0]).ToList();
            Assert.Equal(Enumerable.Range(0, e.Value).Select(p => p.ToString(CultureInfo.InvariantCulture)), positions.Order(StringComparer.Ordinal));
        });

        // The notification service's inbox: each letter handled once, each e-mail handed over once.
        var inbox = await QueryAsync(Path.Combine(_data, "klachten-notifications.db"),
            "SELECT message_id, status, (SELECT count(*) FROM notifications_inbox_deliveries d WHERE d.message_id = m.message_id AND d.status = 'Sent') FROM notifications_inbox_messages m",
            r => (Id: r.GetString(0), Status: r.GetString(1), Sent: r.GetInt32(2)));
        Assert.Equal(expected.Count, inbox.Count);
        Assert.All(inbox, m => Assert.Equal(("Sent", expected[m.Id]), (m.Status, m.Sent)));
    }

    private Task<List<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> read) => QueryAsync(ServerFile, sql, read);

    private static async Task<List<T>> QueryAsync<T>(string file, string sql, Func<SqliteDataReader, T> read)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>The embedded default: only a data directory; SQLite, the in-memory bus and the mail pickup folder follow from it.</summary>
    private Dictionary<string, string?> Settings() => new()
    {
        ["Klachten:DataDirectory"] = _data,
        ["Klachten:WorkflowsDirectory"] = RepoPaths.Workflows,
        ["Logging:LogLevel:Default"] = "Warning",
    };

    private static JsonObject Complaint(string key) => new()
    {
        ["complainant"] = new JsonObject { ["name"] = $"Klager {key}", ["email"] = $"{key}@example.nl" },
        ["category"] = "Treatment",
        ["eventDate"] = DateOnly.FromDateTime(DateTime.Today).AddDays(-7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["receivedOn"] = DateOnly.FromDateTime(DateTime.Today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["stage"] = "Formal",
        ["manager"] = "leidinggevende",
        ["description"] = "Onheus behandeld aan de balie.",
    };
}
