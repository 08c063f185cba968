using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Klachten.Notifications;
using Klachten.Server.Tests.Messaging;
using Klachten.Server.Tests.Procedure;
using Klachten.Server.Tests.Support;
using Klachten.ServiceDefaults;
using Klachten.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Klachten.Server.Tests.Faults;

/// <summary>
/// kill -9 of a server process while 500 cases move through the procedure (register, confirm receipt, contact the
/// complainant), with the notification service in a process of its own on RabbitMQ writing every e-mail to a pickup
/// folder (the SMTP log). The clients keep a history of every operation — done, refused, or in flight when the node
/// died (indeterminate) — retry on a second node, and the test then checks the history against the database and the
/// mail: each case in a consistent state, no step applied twice, every letter requested once and e-mailed once per
/// recipient, none lost.
/// </summary>
[Collection(ServerKillCollection.Name)]
public sealed class ServerKillTests : IAsyncLifetime
{
    private const int Cases = 500;
    private const int Workers = 8;
    private const int KillAfterOperations = 450;

    private readonly ConcurrentQueue<Operation> _history = new();
    private TestDatabase _database = null!;
    private RabbitMqVhost _vhost = null!;
    private IHost _notifications = null!;
    private string _mail = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider.PostgreSql, nameof(ServerKillTests));
        _vhost = await RabbitMqVhost.CreateOnSharedBrokerAsync("kill");
        _mail = Directory.CreateTempSubdirectory("klachten-kill-mail-").FullName;
        _notifications = await StartNotificationServiceAsync();
    }

    public async Task DisposeAsync()
    {
        await MessagingSettings.DisposeAllAsync(new HostDisposer(_notifications), _vhost, _database);
        Directory.Delete(_mail, recursive: true);
    }

    [Fact]
    public async Task KillNodeWhileCasesMove_RetriedOnSecondNode_EveryCaseConsistentNoStepTwiceEachLetterMailedOnce()
    {
        var settings = Settings();
        var first = ServerNode.Start(settings);
        await using var firstNode = first;
        await first.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        var nodes = new NodeSwitch(first);
        var completed = 0;
        var killed = new TaskCompletionSource();
        var cases = Enumerable.Range(1, Cases).Select(i => new CaseRun($"kill-{i:0000}")).ToList();
        var queue = new ConcurrentQueue<CaseRun>(cases);

        var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var run))
            {
                foreach (var step in Steps)
                {
                    await RunWithRetryAsync(nodes, run, step);
                    if (Interlocked.Increment(ref completed) == KillAfterOperations)
                    {
                        first.Kill();
                        killed.SetResult();
                    }
                }
            }
        })).ToList();

        // The second node starts once the first is dead; clients retry on it.
        await killed.Task.WaitAsync(TimeSpan.FromMinutes(5));
        await using var second = ServerNode.Start(settings);
        await second.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        nodes.Switch(second);
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(8));

        Assert.Contains(_history, o => o.Result == Result.Indeterminate);
        using var director = second.As("directeur");
        await AssertHistoryHoldsAsync(director, cases);
    }

    private static readonly string[] Steps = ["register", Titles.Receipt, Titles.Contact];

    /// <summary>One operation, retried until it is known to be applied: done by this call, or found done by an earlier one.</summary>
    private async Task RunWithRetryAsync(NodeSwitch nodes, CaseRun run, string step)
    {
        for (var attempt = 1; ; attempt++)
        {
            var node = nodes.Current;
            try
            {
                var result = step == "register" ? await RegisterAsync(node, run) : await CompleteAsync(node, run, step);
                _history.Enqueue(new Operation(run.Key, step, attempt, result));
                if (result is Result.Done or Result.AlreadyDone)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                // In flight when the node died: applied or not, the history check decides.
                _history.Enqueue(new Operation(run.Key, step, attempt, Result.Indeterminate));
                await nodes.WaitForChangeAsync(node);
            }

            Assert.True(attempt < 20, $"{run.Key} {step}: no success after {attempt} attempts: {string.Join(", ", _history.Where(o => o.Case == run.Key))}");
        }
    }

    private static async Task<Result> RegisterAsync(ServerNode node, CaseRun run)
    {
        using var client = node.As("medewerker", TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/complaints") { Content = ElsaJson.Body(Complaint(run.Key)) };
        request.Headers.Add("Idempotency-Key", run.Key);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"Registering {run.Key}: {(int)response.StatusCode} {body}");
        run.Id = (Guid)JsonNode.Parse(body)!["id"]!;
        return response.StatusCode == HttpStatusCode.Created ? Result.Done : Result.AlreadyDone;
    }

    /// <summary>Completes the case's task with that title; a task already completed (by an earlier, indeterminate call) counts as done.</summary>
    private static async Task<Result> CompleteAsync(ServerNode node, CaseRun run, string title)
    {
        using var client = node.As("directeur", TimeSpan.FromSeconds(30));
        var @case = (await client.GetFromJsonAsync<JsonObject>($"/api/complaints/{run.Id}"))!;
        var tasks = CaseAssert.Tasks(@case).Where(t => (string?)t["title"] == title).ToList();
        if (tasks.Any(t => (string?)t["status"] == "Completed"))
        {
            return Result.AlreadyDone;
        }

        var task = Assert.Single(tasks, t => (string?)t["status"] == "Open");
        var (outcome, data) = title == Titles.Receipt
            ? ("Bevestigd", new JsonObject())
            : ("Niet ingetrokken", new JsonObject { ["contactnotitie"] = "Gebeld met de klager." });
        using var response = await client.PostAsync($"/api/tasks/{task["id"]}/complete", ElsaJson.Body(new JsonObject
        {
            ["outcome"] = outcome,
            ["data"] = data,
            ["version"] = 1, // nobody claims these tasks, so a completion is the first change
        }));
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return Result.Refused; // completed meanwhile by our own earlier call: the next attempt sees it Completed
        }

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Completing '{title}' of {run.Key}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return Result.Done;
    }

    private async Task AssertHistoryHoldsAsync(HttpClient director, List<CaseRun> cases)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();

        // Exactly one complaint per idempotency key: a registration retried after the kill made no second case.
        Assert.Equal(Cases, await ScalarAsync(connection, "SELECT count(*) FROM complaints"));
        Assert.Equal(Cases, await ScalarAsync(connection, "SELECT count(DISTINCT idempotency_key) FROM complaints"));

        // No step applied twice: per instance one task per title, each human task completed once in the journal.
        Assert.Equal(0, await ScalarAsync(connection, "SELECT count(*) FROM (SELECT instance_id, title FROM human_tasks GROUP BY 1, 2 HAVING count(*) > 1) d"));
        Assert.Equal(0, await ScalarAsync(connection, """
            SELECT count(*) FROM (SELECT instance_id, activity_id FROM journal_entries
            WHERE activity_type = 'Klachten.HumanTask' AND event_name = 'Completed' GROUP BY 1, 2 HAVING count(*) > 1) d
            """));

        // Every case where the history leaves it: contact done, the submission to the committee open, one letter.
        foreach (var run in cases)
        {
            var @case = (await director.GetFromJsonAsync<JsonObject>($"/api/complaints/{run.Id}"))!;
            CaseAssert.Status(@case, "InConversation", "Formal");
            var open = Assert.Single(CaseAssert.Tasks(@case), t => (string?)t["status"] == "Open");
            Assert.Equal(Titles.Submit, (string?)open["title"]);
            Assert.Single(CaseAssert.Letters(@case), l => (string?)l["kind"] == "Ontvangstbevestiging");
        }

        // Each receipt letter requested once, and — after the relay on the second node drained what the first left —
        // e-mailed exactly once to each of its two recipients: none lost, none twice.
        Assert.Equal(Cases, await ScalarAsync(connection, "SELECT count(*) FROM outbox_messages WHERE message_type = 'SendLetter'"));
        await Eventually.Until(async () => await ScalarAsync(connection, "SELECT count(*) FROM letters WHERE status <> 'Sent'") == 0, TimeSpan.FromMinutes(4));
        var mails = Directory.GetFiles(_mail, "*.eml");
        var perLetter = mails.GroupBy(f => Path.GetFileName(f).Split('.')[0]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Cases, perLetter.Count);
        Assert.All(perLetter, p => Assert.True(p.Value == 2, $"Letter {p.Key} e-mailed {p.Value} times."));
        Assert.All(mails, f => Assert.Contains("application/pdf", File.ReadAllText(f, Encoding.UTF8), StringComparison.Ordinal));
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = _database.Settings();
        settings["Klachten:Messaging:Transport"] = "RabbitMq";
        settings["ConnectionStrings:RabbitMq"] = _vhost.Uri.ToString();
        settings["Logging:LogLevel:Default"] = "Warning";
        return settings;
    }

    /// <summary>The notification service as its worker hosts it, on the same database (its own schema) and virtual host.</summary>
    private async Task<IHost> StartNotificationServiceAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Klachten:Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Klachten"] = _database.ConnectionString,
            ["Klachten:Messaging:Transport"] = "RabbitMq",
            ["ConnectionStrings:RabbitMq"] = _vhost.Uri.ToString(),
            ["Klachten:Notifications:PickupDirectory"] = _mail,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddNotifications();
        builder.AddKlachtenBus(bus => bus.AddNotificationConsumers());
        var host = builder.Build();
        await host.Services.MigrateNotificationsDatabaseAsync();
        await host.StartAsync();
        return host;
    }

    private static JsonObject Complaint(string key) => new()
    {
        ["complainant"] = new JsonObject { ["name"] = $"Klager {key}", ["email"] = $"{key}@example.nl" },
        ["category"] = "Treatment",
        ["eventDate"] = DateOnly.FromDateTime(DateTime.Today).AddDays(-7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["receivedOn"] = DateOnly.FromDateTime(DateTime.Today).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["stage"] = "Formal",
        ["manager"] = "leidinggevende",
        ["description"] = "Onheus behandeld aan de balie.",
    };

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private enum Result
    {
        Done,
        AlreadyDone,
        Refused,
        Indeterminate,
    }

    private sealed record Operation(string Case, string Step, int Attempt, Result Result);

    private sealed class CaseRun(string key)
    {
        public string Key { get; } = key;

        public Guid Id { get; set; }
    }

    /// <summary>The node clients talk to; after the kill, every client waits for the replacement.</summary>
    private sealed class NodeSwitch(ServerNode first)
    {
        private readonly TaskCompletionSource<ServerNode> _replacement = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile ServerNode _current = first;

        public ServerNode Current => _current;

        public void Switch(ServerNode next)
        {
            _current = next;
            _replacement.TrySetResult(next);
        }

        public async Task WaitForChangeAsync(ServerNode failed)
        {
            if (ReferenceEquals(_current, failed))
            {
                await _replacement.Task.WaitAsync(TimeSpan.FromMinutes(3));
            }
        }
    }

    private sealed class HostDisposer(IHost? host) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (host is not null)
            {
                await host.StopAsync();
                host.Dispose();
            }
        }
    }
}

/// <summary>The kill test runs alone: 500 cases on two cores would slow every class beside it, and it them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerKillCollection
{
    public const string Name = "ServerKill";
}
