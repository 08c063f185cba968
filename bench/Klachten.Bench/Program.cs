using System.Diagnostics;
using System.Globalization;
using System.Text;
using Klachten.Bench;
using Klachten.Bench.Scenarios;

// The bench: ./build.sh bench [--quick] [scenario ...] provisions PostgreSQL (durable settings) and RabbitMQ and runs
// this. Scenarios: ceiling, steps, complaints, timers (lag and start-up), messaging; all by default. Prints a Markdown table
// and writes JSON (--out, default artifacts/bench/results.json).
var scenarios = new Dictionary<string, Func<BenchContext, Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["ceiling"] = CeilingScenario.RunAsync,
    ["steps"] = StepsScenario.RunAsync,
    ["complaints"] = ComplaintsScenario.RunAsync,
    ["timers"] = TimersScenario.RunAsync,
    ["messaging"] = MessagingScenario.RunAsync,
};

var options = ParseOptions(args, scenarios.Keys);
if (options is null)
{
    return 2;
}

var context = new BenchContext(options);
var total = Stopwatch.StartNew();
foreach (var name in options.Scenarios)
{
    Console.Error.WriteLine($"[bench] {name}");
    var clock = Stopwatch.StartNew();
    await scenarios[name](context);
    Console.Error.WriteLine($"[bench] {name} done in {clock.Elapsed.TotalSeconds:0.0} s");
}

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
await File.WriteAllTextAsync(options.Output, context.ToJson().ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine(Table(context));
Console.WriteLine($"{context.Results.Count} figures in {total.Elapsed.TotalSeconds:0} s; JSON in {options.Output}");
return 0;

static string Table(BenchContext context)
{
    var builder = new StringBuilder();
    builder.AppendLine("| scenario | metric | value | unit | × ceiling |");
    builder.AppendLine("|---|---|---:|---|---:|");
    foreach (var r in context.Results)
    {
        var ratio = r.Ratio is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : string.Empty;
        var note = r.Note is null ? string.Empty : $" ({r.Note})";
        builder.AppendLine(CultureInfo.InvariantCulture, $"| {r.Scenario} | {r.Metric}{note} | {r.Value:0.##} | {r.Unit} | {ratio} |");
    }

    return builder.ToString();
}

static BenchOptions? ParseOptions(string[] args, IEnumerable<string> known)
{
    string? postgres = Environment.GetEnvironmentVariable("KLACHTEN_BENCH_POSTGRES");
    string? rabbit = Environment.GetEnvironmentVariable("KLACHTEN_BENCH_RABBITMQ");
    var output = Path.Combine(RepoRoot(), "artifacts", "bench", "results.json");
    var quick = false;
    var chosen = new List<string>();
    for (var i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--quick": quick = true; break;
            case "--postgres": postgres = args[++i]; break;
            case "--rabbitmq": rabbit = args[++i]; break;
            case "--out": output = args[++i]; break;
            default:
                if (!known.Contains(args[i], StringComparer.OrdinalIgnoreCase))
                {
                    Console.Error.WriteLine($"Unknown scenario or option '{args[i]}'. Scenarios: {string.Join(", ", known)}; options: --quick, --postgres, --rabbitmq, --out.");
                    return null;
                }

                chosen.Add(args[i]);
                break;
        }
    }

    if (string.IsNullOrWhiteSpace(postgres) || string.IsNullOrWhiteSpace(rabbit))
    {
        Console.Error.WriteLine("Give --postgres and --rabbitmq (or KLACHTEN_BENCH_POSTGRES / KLACHTEN_BENCH_RABBITMQ); ./build.sh bench provisions both.");
        return null;
    }

    var server = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Klachten.Server", "bin", "Release", "net10.0", "Klachten.Server.dll");
    server = Path.GetFullPath(File.Exists(server) ? server : Path.Combine(RepoRoot(), "src", "Klachten.Server", "bin", "Release", "net10.0", "Klachten.Server.dll"));
    if (!File.Exists(server))
    {
        Console.Error.WriteLine($"Server binary not found at {server}; build with -c Release first.");
        return null;
    }

    var order = known.ToList();
    return new BenchOptions(postgres, rabbit, server, output, quick, chosen.Count == 0 ? order : [.. chosen.OrderBy(order.IndexOf)]);
}

static string RepoRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KlachtenWorkflow.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? Directory.GetCurrentDirectory();
}
