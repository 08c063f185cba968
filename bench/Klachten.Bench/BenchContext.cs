using System.Text.Json.Nodes;
using Npgsql;

namespace Klachten.Bench;

/// <summary>What every scenario needs: the servers, the sizes, and where results go.</summary>
internal sealed class BenchContext(BenchOptions options)
{
    private readonly List<BenchResult> _results = [];

    public BenchOptions Options { get; } = options;

    public bool Quick => Options.Quick;

    public IReadOnlyList<BenchResult> Results => _results;

    /// <summary>Single-row commits per second at each concurrency, once the ceiling scenario ran.</summary>
    public Dictionary<int, double> Ceiling { get; } = [];

    public void Add(string scenario, string metric, double value, string unit, double? ceiling = null, string? note = null)
    {
        var result = new BenchResult(scenario, metric, value, unit, ceiling is > 0 ? value / ceiling : null, note);
        _results.Add(result);
        Console.Error.WriteLine($"  {scenario} | {metric}: {value:0.###} {unit}{(result.Ratio is { } r ? $" ({r:0.00} x ceiling)" : string.Empty)}");
    }

    /// <summary>A fresh database on the bench's PostgreSQL; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        var database = $"bench_{name}_{Guid.NewGuid():N}"[..30];
        await using var connection = new NpgsqlConnection(Options.Postgres);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(Options.Postgres) { Database = database, Pooling = true, MaxPoolSize = 100 }.ConnectionString;
    }

    /// <summary>The server settings for a node on <paramref name="connectionString"/> with RabbitMQ.</summary>
    public Dictionary<string, string?> ServerSettings(string connectionString, bool rabbitMq = true) => new()
    {
        ["Klachten:Database:Provider"] = "PostgreSql",
        ["ConnectionStrings:Klachten"] = connectionString,
        ["Klachten:Messaging:Transport"] = rabbitMq ? "RabbitMq" : "InMemory",
        ["ConnectionStrings:RabbitMq"] = rabbitMq ? Options.RabbitMq : null,
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
    };

    public JsonObject ToJson() => new()
    {
        ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
        ["quick"] = Quick,
        ["at"] = DateTimeOffset.UtcNow,
        ["results"] = new JsonArray([.. _results.Select(r => (JsonNode)new JsonObject
        {
            ["scenario"] = r.Scenario,
            ["metric"] = r.Metric,
            ["value"] = Math.Round(r.Value, 3),
            ["unit"] = r.Unit,
            ["ratioToCeiling"] = r.Ratio is { } ratio ? Math.Round(ratio, 3) : null,
            ["note"] = r.Note,
        })]),
    };
}

internal sealed record BenchResult(string Scenario, string Metric, double Value, string Unit, double? Ratio, string? Note);

internal sealed record BenchOptions(string Postgres, string RabbitMq, string ServerDll, string Output, bool Quick, IReadOnlyList<string> Scenarios);
