using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Procedure;
using Klachten.Server.Tests.Support;
using Klachten.Testing;
using Xunit.Abstractions;

namespace Klachten.Server.Tests.Faults;

/// <summary>
/// PostgreSQL goes away under a running server process and comes back: without anyone touching the server, readiness
/// turns red (503) while the database is gone, requests fail quickly with a 503 problem (Retry-After) instead of hanging, and once the
/// database is back readiness turns green again and the work goes on - new cases, task completions, timers and the
/// outbox - with the cases from before intact. The PostgreSQL is this class's own (other classes share the usual one).
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class PostgresRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Generous for a loaded 2-core machine; a server that does not recover by itself never gets there.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    // Terms passed when the clock moves past the new case's contact term: two submissions and two contacts.
    private const int OverrunTerms = 4;

    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private DedicatedPostgres? _postgres;
    private ServerNode? _server;
    private string? _dataDirectory;

    public async Task InitializeAsync()
    {
        _postgres = await DedicatedPostgres.StartAsync();
        _dataDirectory = Directory.CreateTempSubdirectory("klachten-pg-restart-").FullName;
        _server = ServerNode.Start(new Dictionary<string, string?>
        {
            ["Klachten:Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Klachten"] = _postgres.ConnectionString,
            ["Klachten:DataDirectory"] = _dataDirectory,
            ["Klachten:WorkflowsDirectory"] = RepoPaths.Workflows,
            ["Klachten:Clock"] = "Manual",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        var ready = await _server.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        output.WriteLine($"PostgreSQL on port {_postgres.Port}; server {_server.Address} ready in {ready.TotalSeconds:0.0} s");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_dataDirectory is not null)
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task PostgresRestarted_ReadinessRedThenGreen_WorkGoesOnWithoutAnOperator()
    {
        var driver = new NodeDriver(_server!, TimeSpan.FromSeconds(30));
        var cs = _postgres!.ConnectionString;
        var today = await driver.TodayAsync();

        // Before: three cases, one a step further; their letters sent by the embedded services.
        var before = new List<Registered>();
        for (var i = 0; i < 3; i++)
        {
            var complaint = await driver.RegisterAsync(ProcedureDriver.Complaint(today));
            await driver.ConfirmReceiptAsync(complaint);
            before.Add(complaint);
        }

        await driver.ContactAsync(before[0]);
        var contactTask = await driver.OpenTaskAsync("directeur", before[1], Titles.Contact);
        await LettersDrainedAsync(cs, expected: 3);
        Assert.Equal(HttpStatusCode.OK, (await driver.ReadinessAsync()).Status);

        // PostgreSQL stops (fast shutdown: the server's sessions are cut off).
        await _postgres.HaltAsync();
        var outage = Stopwatch.StartNew();
        var red = await Eventually.Until(driver.ReadinessAsync, r => r.Status != HttpStatusCode.OK, Bound);
        output.WriteLine($"Readiness {(int)red.Status} {red.Body?.ToJsonString()} after {outage.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, red.Status);
        Assert.Equal("Unhealthy", (string?)red.Body?["checks"]?["database"]);

        // Requests fail, each quickly and cleanly: a 503 problem with Retry-After, no hang, no half-done step. They are
        // repeated, once a second, for the first five seconds of the outage (a real restart takes that long), so the
        // server's background rounds meet the outage too.
        var probes = 0;
        using (var pace = new PeriodicTimer(TimeSpan.FromSeconds(1)))
        {
            do
            {
                await FailsCleanlyAsync("register", () => driver.As("medewerker").PostAsync("/api/complaints", ElsaJson.Body(ProcedureDriver.Complaint(today))));
                await FailsCleanlyAsync("task list", () => driver.As("directeur").GetAsync("/api/tasks?scope=role"));
                await FailsCleanlyAsync("case", () => driver.As("directeur").GetAsync($"/api/complaints/{before[1].Id}"));
                await FailsCleanlyAsync("complete", () => driver.CompleteAsync("directeur", contactTask, "Niet ingetrokken", new JsonObject { ["contactnotitie"] = "Gebeld." }));
                probes++;
            }
            while (outage.Elapsed < TimeSpan.FromSeconds(5) && await pace.WaitForNextTickAsync());
        }

        Assert.NotEqual(HttpStatusCode.OK, (await driver.ReadinessAsync()).Status);

        // Back: nobody touches the server.
        await _postgres.ResumeAsync();
        var resumed = outage.Elapsed;
        await Eventually.Until(driver.ReadinessAsync, r => r.Status == HttpStatusCode.OK, Bound);
        output.WriteLine($"PostgreSQL down {resumed.TotalSeconds:0.0} s ({probes} rounds of 4 requests, each a 503 problem); readiness green {(outage.Elapsed - resumed).TotalSeconds:0.0} s after it was back");

        // The cases from before are intact, each where it was.
        await Eventually.Until(async () => await TryAsync(() => driver.CaseAsync(before[0])), c => c is not null, Bound);
        foreach (var complaint in before)
        {
            var @case = await driver.CaseAsync(complaint);
            Assert.Equal(complaint.Reference, (string?)@case["reference"]);
        }

        await driver.OpenTaskAsync("directeur", before[0], Titles.Submit);
        await driver.OpenTaskAsync("directeur", before[1], Titles.Contact);
        await driver.OpenTaskAsync("directeur", before[2], Titles.Contact);

        // Work goes on: register, complete tasks (among them the one whose completion failed during the outage: it was
        // not half-applied), letters drain through the outbox.
        var after = await driver.RegisterAsync(ProcedureDriver.Complaint(today));
        await driver.ConfirmReceiptAsync(after);
        await driver.ContactAsync(before[1]);
        await driver.OpenTaskAsync("directeur", before[1], Titles.Submit);
        await LettersDrainedAsync(cs, expected: 4);

        // Timers still fire: the new case's contact term passes, and with it every earlier term still open: the
        // submissions of the first two cases (one working day) and the third case's contact (the same day as the new one).
        var contact = await driver.OpenTaskAsync("directeur", after, Titles.Contact);
        var expiresAt = contact["expiresAt"]!.GetValue<DateTimeOffset>();
        var fired = await driver.SetClockAsync(expiresAt.AddMinutes(1));
        // The endpoint's count is not exact (it has reported 5 and 6 here for these 4 terms); the journal and outbox are.
        Assert.True(fired > 0, "Moving the clock past the term fired no timer");
        Assert.True((bool)(await driver.OpenTaskAsync("directeur", after, Titles.Contact))["overdue"]!);
        await Eventually.Until(() => FaultRows.OutboxAsync(cs, "SendReminder"), r => r.Count == OverrunTerms && r.All(m => m.SentAt is not null), Bound);

        // Fence: nothing more is due, and a later case's letter is relayed after anything the timers produced, so a
        // late duplicate reminder would be counted below.
        Assert.Equal(0, await driver.SetClockAsync(expiresAt.AddMinutes(2)));
        // Received today (after the clock move), so its own terms lie ahead and add no reminders.
        var marker = await driver.RegisterAsync(ProcedureDriver.Complaint(await driver.TodayAsync()));
        await driver.ConfirmReceiptAsync(marker);
        await LettersDrainedAsync(cs, expected: 5);
        var reminders = await FaultRows.OutboxAsync(cs, "SendReminder");
        Assert.Equal(OverrunTerms, reminders.Count);
        var overruns = await FaultRows.QueryAsync(cs, "SELECT count(*) FROM journal_entries WHERE payload_json LIKE '%\"overrun\":true%'", r => r.GetInt64(0));
        Assert.Equal(OverrunTerms, Assert.Single(overruns));
        Assert.All(reminders, m => Assert.NotNull(m.SentAt));
        output.WriteLine($"After the restart: {fired} timers fired, {reminders.Count} reminders relayed");
    }

    /// <summary>Every SendLetter row relayed and every letter sent: the outbox drained and the consumers finished.</summary>
    private static async Task LettersDrainedAsync(string cs, int expected)
    {
        var rows = await Eventually.Until(() => FaultRows.OutboxAsync(cs), r => r.Count == expected && r.All(m => m.SentAt is not null), Bound);
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
        await Eventually.Until(() => FaultRows.LettersByStatusAsync(cs), s => s.Count == 1 && s.GetValueOrDefault("Sent") == expected, Bound);
    }

    private async Task FailsCleanlyAsync(string what, Func<Task<HttpResponseMessage>> send)
    {
        var watch = Stopwatch.StartNew();
        using var response = await send();
        var body = await response.Content.ReadAsStringAsync();
        if (_reported.Add(what))
        {
            output.WriteLine($"{what} with the database down: {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} " +
                $"Retry-After {response.Headers.RetryAfter} in {watch.Elapsed.TotalSeconds:0.00} s: {body}");
        }

        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what}: expected 503 with the database down, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("Tijdelijk niet beschikbaar", (string?)JsonNode.Parse(body)!["title"]);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{what} took {watch.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task<T?> TryAsync<T>(Func<Task<T>> action)
        where T : class
    {
        try
        {
            return await action();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
