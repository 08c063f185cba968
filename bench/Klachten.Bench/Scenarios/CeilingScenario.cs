using System.Diagnostics;
using Npgsql;

namespace Klachten.Bench.Scenarios;

/// <summary>
/// The ceiling: single-row INSERT + COMMIT per second on the same PostgreSQL at the same concurrency, one connection
/// per worker. Every workflow figure is compared to it.
/// </summary>
internal static class CeilingScenario
{
    public static readonly int[] Concurrencies = [1, 8, 32];

    public static async Task RunAsync(BenchContext context)
    {
        var connectionString = await context.CreateDatabaseAsync("ceiling");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE ceiling (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), payload text NOT NULL)", connection);
            await create.ExecuteNonQueryAsync();
        }

        var duration = TimeSpan.FromSeconds(context.Quick ? 2 : 10);
        foreach (var concurrency in Concurrencies)
        {
            var rate = await MeasureAsync(connectionString, concurrency, duration);
            context.Ceiling[concurrency] = rate;
            context.Add("ceiling", $"single-row insert+commit, concurrency {concurrency}", rate, "commits/s");
        }
    }

    private static async Task<double> MeasureAsync(string connectionString, int concurrency, TimeSpan duration)
    {
        long total = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("INSERT INTO ceiling (payload) VALUES (@p)", connection);
            insert.Parameters.AddWithValue("p", "een regel van ongeveer honderd tekens, zoals een journaalregel van een workflowstap");
            await insert.PrepareAsync();
            while (clock.Elapsed < duration)
            {
                await insert.ExecuteNonQueryAsync();
                Interlocked.Increment(ref total);
            }
        }));
        return total / clock.Elapsed.TotalSeconds;
    }
}
