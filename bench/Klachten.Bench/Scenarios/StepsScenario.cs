using System.Diagnostics;

namespace Klachten.Bench.Scenarios;

/// <summary>
/// Workflow steps per second: each step resumes an instance's event bookmark over HTTP and commits the step (state,
/// journal, bookmarks) — at concurrency 1, 8 and 32, each worker driving its own instances. Commits per step counts
/// write transactions (those PostgreSQL gives a transaction id) per step. Starting an instance counts as a step.
/// </summary>
internal static class StepsScenario
{
    private const int EventsPerInstance = 20;

    public static async Task RunAsync(BenchContext context)
    {
        var connectionString = await context.CreateDatabaseAsync("steps");
        await using var node = ServerNode.Start(context.Options.ServerDll, context.ServerSettings(connectionString));
        await node.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        using var owner = node.As("procesbeheerder");
        await Workflows.PublishAsync(owner, Workflows.EventChain("bench-steps", EventsPerInstance));

        var duration = TimeSpan.FromSeconds(context.Quick ? 3 : 15);
        foreach (var concurrency in CeilingScenario.Concurrencies)
        {
            // Warm-up: JIT, connection pools, prepared plans.
            await DriveAsync(node, Math.Min(concurrency, 4), TimeSpan.FromSeconds(1));
            var before = await Workflows.NextTransactionIdAsync(connectionString);
            var (steps, elapsed, latencies) = await DriveAsync(node, concurrency, duration);
            var writes = await Workflows.NextTransactionIdAsync(connectionString) - before - 1;
            var rate = steps / elapsed.TotalSeconds;
            context.Add("steps", $"steps/s, concurrency {concurrency}", rate, "steps/s", context.Ceiling.GetValueOrDefault(concurrency));
            context.Add("steps", $"write commits per step, concurrency {concurrency}", (double)writes / steps, "commits/step");
            context.Add("steps", $"step latency p50, concurrency {concurrency}", Stats.Percentile(latencies, 50), "ms");
            context.Add("steps", $"step latency p99, concurrency {concurrency}", Stats.Percentile(latencies, 99), "ms");
        }
    }

    private static async Task<(long Steps, TimeSpan Elapsed, List<double> Latencies)> DriveAsync(ServerNode node, int concurrency, TimeSpan duration)
    {
        long steps = 0;
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            using var client = node.As("beheerder");
            var mine = new List<double>();
            while (clock.Elapsed < duration)
            {
                // Starting an instance runs it to its first bookmark in one transaction: a step too.
                var begun = Stopwatch.GetTimestamp();
                var instance = await Workflows.ExecuteAsync(client, "bench-steps");
                mine.Add(Stopwatch.GetElapsedTime(begun).TotalMilliseconds);
                Interlocked.Increment(ref steps);
                for (var i = 0; i < EventsPerInstance && clock.Elapsed < duration; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    await Workflows.TriggerAsync(client, instance);
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Interlocked.Increment(ref steps);
                }
            }

            lock (latencies)
            {
                latencies.AddRange(mine);
            }
        }));
        return (steps, clock.Elapsed, latencies);
    }
}
