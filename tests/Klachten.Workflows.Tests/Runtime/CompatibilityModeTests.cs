using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;
using Klachten.Workflows.Runtime;
using Klachten.Workflows.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Klachten.Workflows.Tests.Runtime;

/// <summary>
/// The server's Elsa compatibility scenarios (<c>tests/Klachten.Server.Tests/Compatibility</c>) straight through the
/// engine: each in the mode its definition selects, and each token-mode flowchart again in the counter-based mode,
/// where it ends as <c>expected</c> unless the file gives <c>expectedCounterBased</c> (where the modes differ).
/// </summary>
public sealed class CompatibilityModeTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "tests", "Klachten.Server.Tests", "Compatibility");

    private readonly WorkflowEngine _engine = new(new ExpressionEvaluator(new ExpressionOptions()), new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));

    public static TheoryData<string> All => [.. Files("Flowcharts").Concat(Files("Composites"))];

    public static TheoryData<string> TokenFlowcharts => [.. Files("Flowcharts")];

    [Theory]
    [MemberData(nameof(All))]
    public void Scenario_InItsOwnMode_EndsAsExpected(string file)
    {
        var scenario = JsonNode.Parse(File.ReadAllText(file))!;

        var result = _engine.Start(Definition(scenario), "i1");

        Assert.Equal(Expected(scenario["expected"]!), Actual(result));
    }

    [Theory]
    [MemberData(nameof(TokenFlowcharts))]
    public void TokenScenario_InCounterMode_EndsAsElsasDefaultEndsIt(string file)
    {
        var scenario = JsonNode.Parse(File.ReadAllText(file))!;
        var counter = new Dictionary<string, string> { [WorkflowEngineOptions.ExecutionModeProperty] = "CounterBased" };

        var result = _engine.Start(Definition(scenario), "i1", properties: counter);

        Assert.Equal("CounterBased", result.State.Properties[WorkflowEngineOptions.ExecutionModeProperty]);
        Assert.Equal(Expected(scenario["expectedCounterBased"] ?? scenario["expected"]!), Actual(result));
    }

    private static IEnumerable<string> Files(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Folder, folder), "*.json").Order(StringComparer.Ordinal);

    private static WorkflowDefinitionModel Definition(JsonNode scenario) =>
        DefinitionNormalizer.Normalize(DefinitionJson.Parse(scenario["definition"]!.DeepClone()));

    private static string Expected(JsonNode expected) =>
        $"{expected["status"]}/{expected["subStatus"]} [{string.Join(" | ", expected["lines"]!.AsArray().Select(l => (string?)l))}] "
        + $"{(int?)expected["incidents"] ?? 0} incident(s), {(int)expected["bookmarks"]!} bookmark(s)";

    private static string Actual(RunResult result)
    {
        var lines = result.Journal.Where(j => j is { ActivityType: "Elsa.WriteLine", EventName: "Completed" }).Select(j => (string?)j.Payload?["text"] ?? string.Empty);
        return $"{result.State.Status}/{result.State.SubStatus} [{string.Join(" | ", lines)}] "
            + $"{result.State.Incidents.Count} incident(s), {result.State.Bookmarks.Count} bookmark(s)";
    }
}
