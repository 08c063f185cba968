using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Klachten.Bench.Scenarios;

/// <summary>
/// The procedure through its own API: complaints registered per second (each starts the klachtenprocedure instance
/// and creates the director's first task), and the time from completing a task to the next task being visible on the
/// case — idle, and beside a background load of registrations at about half the measured rate.
/// </summary>
internal static class ComplaintsScenario
{
    private const int Concurrency = 8;

    public static async Task RunAsync(BenchContext context)
    {
        var connectionString = await context.CreateDatabaseAsync("complaints");
        await using var node = ServerNode.Start(context.Options.ServerDll, context.ServerSettings(connectionString));
        await node.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        using var medewerker = node.As("medewerker");
        using var directeur = node.As("directeur");

        await RegisterForAsync(medewerker, 2, TimeSpan.FromSeconds(1), null);
        var duration = TimeSpan.FromSeconds(context.Quick ? 3 : 15);
        var (count, elapsed) = await RegisterForAsync(medewerker, Concurrency, duration, null);
        var rate = count / elapsed.TotalSeconds;
        context.Add("complaints", $"complaints registered/s, concurrency {Concurrency}", rate, "complaints/s", context.Ceiling.GetValueOrDefault(Concurrency));

        var samples = context.Quick ? 20 : 100;
        var idle = await NextTaskLatenciesAsync(medewerker, directeur, samples);
        context.Add("complaints", "task completion -> next task visible p50 (idle)", Stats.Percentile(idle, 50), "ms");
        context.Add("complaints", "task completion -> next task visible p99 (idle)", Stats.Percentile(idle, 99), "ms");

        // Half load: two registering workers pace themselves to about half the rate measured above.
        using var stop = new CancellationTokenSource();
        var background = RegisterForAsync(medewerker, 2, TimeSpan.FromMinutes(10), rate / 2, stop.Token);
        var loaded = await NextTaskLatenciesAsync(medewerker, directeur, samples);
        await stop.CancelAsync();
        var (backgroundCount, backgroundElapsed) = await background;
        context.Add("complaints", "task completion -> next task visible p50 (half load)", Stats.Percentile(loaded, 50), "ms",
            note: $"beside {backgroundCount / backgroundElapsed.TotalSeconds:0} registrations/s");
        context.Add("complaints", "task completion -> next task visible p99 (half load)", Stats.Percentile(loaded, 99), "ms");
    }

    private static async Task<(long Count, TimeSpan Elapsed)> RegisterForAsync(HttpClient client, int concurrency, TimeSpan duration, double? perSecond, CancellationToken cancellationToken = default)
    {
        long count = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                await RegisterAsync(client);
                var done = Interlocked.Increment(ref count);
                if (perSecond is { } pace && done / clock.Elapsed.TotalSeconds > pace)
                {
                    await Task.Delay(TimeSpan.FromSeconds(concurrency / pace), CancellationToken.None);
                }
            }
        }));
        return (count, clock.Elapsed);
    }

    private static async Task<Guid> RegisterAsync(HttpClient client)
    {
        var today = DateOnly.FromDateTime(DateTime.Today).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["complainant"] = new JsonObject { ["name"] = "Bench Klager", ["email"] = "klager@example.nl" },
            ["category"] = "Treatment",
            ["eventDate"] = today,
            ["receivedOn"] = today,
            ["stage"] = "Formal",
            ["manager"] = "leidinggevende",
            ["description"] = "Meting van de doorvoer.",
        };
        using var response = await client.PostAsync("/api/complaints", Workflows.Body(body));
        await Workflows.EnsureAsync(response, "registering");
        return (Guid)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    /// <summary>Per sample: a new complaint; complete its receipt task; poll the case until the contact task is open.</summary>
    private static async Task<List<double>> NextTaskLatenciesAsync(HttpClient medewerker, HttpClient directeur, int samples)
    {
        var latencies = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var id = await RegisterAsync(medewerker);
            var receipt = OpenTasks(await CaseAsync(directeur, id)).Single();
            var started = Stopwatch.GetTimestamp();
            using (var response = await directeur.PostAsync($"/api/tasks/{receipt["id"]}/complete", Workflows.Body(new JsonObject
            {
                ["outcome"] = "Bevestigd",
                ["version"] = 1, // a task nobody touched yet
            })))
            {
                await Workflows.EnsureAsync(response, "completing the receipt task");
            }

            while (!OpenTasks(await CaseAsync(directeur, id)).Any(t => t["id"]?.ToString() != receipt["id"]?.ToString()))
            {
                if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(30))
                {
                    throw new TimeoutException($"The next task of complaint {id} did not appear.");
                }
            }

            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return latencies;
    }

    private static async Task<JsonObject> CaseAsync(HttpClient client, Guid id) => (await client.GetFromJsonAsync<JsonObject>($"/api/complaints/{id}"))!;

    private static IEnumerable<JsonObject> OpenTasks(JsonObject @case) =>
        @case["tasks"]!.AsArray().Select(t => t!.AsObject()).Where(t => (string?)t["status"] == "Open");
}
