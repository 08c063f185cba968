using System.Diagnostics;
using Npgsql;

namespace Klachten.Bench.Scenarios;

/// <summary>
/// Waiting cases at scale. For each size: that many instances wait on a timer a month away (copied in SQL from one
/// started through the API); then a trickle of short timers (3 s) is started and each one's lag — fired (the
/// instance finished) minus due — is measured. Then the node is stopped and a fresh one started: time to ready and
/// resident memory with that many waiting instances.
/// </summary>
internal static class TimersScenario
{
    public static async Task RunAsync(BenchContext context)
    {
        int[] sizes = context.Quick ? [0, 1_000] : [0, 1_000, 10_000, 100_000];
        foreach (var size in sizes)
        {
            var connectionString = await context.CreateDatabaseAsync($"timers{size}");
            await using (var node = ServerNode.Start(context.Options.ServerDll, context.ServerSettings(connectionString)))
            {
                await node.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
                using var owner = node.As("procesbeheerder");
                await Workflows.PublishAsync(owner, Workflows.Delay("bench-far", "30.00:00:00"));
                await Workflows.PublishAsync(owner, Workflows.Delay("bench-near", "00:00:03"));
                if (size > 0)
                {
                    var template = await Workflows.ExecuteAsync(owner, "bench-far");
                    await Workflows.CloneWaitingInstanceAsync(connectionString, template, size - 1, "far-");
                }

                if (size >= 1_000)
                {
                    var lags = await TrickleLagsAsync(node, connectionString, context.Quick ? 40 : 200);
                    context.Add("timers", $"timer lag p50, {size:N0} pending", Stats.Percentile(lags, 50), "ms");
                    context.Add("timers", $"timer lag p99, {size:N0} pending", Stats.Percentile(lags, 99), "ms");
                }
            }

            // A fresh node on the same database: what start-up costs with this many waiting instances.
            await using var restarted = ServerNode.Start(context.Options.ServerDll, context.ServerSettings(connectionString));
            var ready = await restarted.WaitUntilReadyAsync(TimeSpan.FromMinutes(5));
            await Task.Delay(TimeSpan.FromSeconds(3));
            context.Add("startup", $"start-up to ready, {size:N0} waiting", ready.TotalMilliseconds, "ms");
            context.Add("startup", $"server RSS after start, {size:N0} waiting", restarted.ResidentMegabytes(), "MiB");
        }
    }

    /// <summary>Starts short timers at about 40 per second and waits for all; returns each one's lag in milliseconds.</summary>
    private static async Task<List<double>> TrickleLagsAsync(ServerNode node, string connectionString, int count)
    {
        using var client = node.As("beheerder");
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add(await Workflows.ExecuteAsync(client, "bench-near"));
            await Task.Delay(25);
        }

        var deadline = Stopwatch.StartNew();
        while (await Workflows.ScalarAsync(connectionString, "SELECT count(*) FROM workflow_instances WHERE definition_id = 'bench-near' AND status <> 'Finished'") > 0)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException("Short timers did not all fire within five minutes.");
            }

            await Task.Delay(200);
        }

        // Due = started + 3 s; fired = finished. Both are server timestamps, so no clock skew enters.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT extract(epoch FROM (finished_at - (created_at + interval '3 seconds'))) * 1000 FROM workflow_instances WHERE definition_id = 'bench-near'", connection);
        var lags = new List<double>(count);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lags.Add(Convert.ToDouble(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        return lags;
    }
}
