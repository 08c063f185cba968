using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Corpus;

/// <summary>
/// Every file of <c>Corpus/Hostile</c> is a valid definition with a hostile step — an endless or memory-eating script,
/// .NET access, a Liquid bomb, a cycle with no exit. Such a definition is legal (Elsa stores it too); the defence is
/// that running it ends the run within the expression budgets as a faulted instance (or, for a probe that merely finds
/// nothing, <c>expectSubStatus</c> Finished), leaks nothing of the host, and leaves the server ready. <c>execute</c> answers a faulted run with 200 and the state (Elsa answers 500; see <c>ExecuteWorkflow</c>).
/// </summary>
public sealed class HostileDefinitionTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    public static IEnumerable<object[]> Files() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "tests", "Klachten.Server.Tests", "Corpus", "Hostile"), "*.json")
            .Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(f => new object[] { f! });

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Execute_HostileDefinition_FaultsWithinBudgetAndServerStaysReady(string file)
    {
        using var owner = fixture.Factory.As("procesbeheerder");
        var model = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "tests", "Klachten.Server.Tests", "Corpus", "Hostile", file)))!.AsObject();
        model.Remove("why");
        var expected = (string?)model["expectSubStatus"] ?? "Faulted";
        model.Remove("expectSubStatus");
        var definitionId = ElsaJson.NewDefinitionId();
        model["definitionId"] = definitionId;
        var saved = await owner.SaveAsync(model, publish: true);
        Assert.True(saved.IsSuccessStatusCode, $"save: {(int)saved.StatusCode} {await saved.Content.ReadAsStringAsync()}");

        var watch = Stopwatch.StartNew();
        var response = await owner.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/execute", ElsaJson.Body(new JsonObject()));
        watch.Stop();

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: {(int)response.StatusCode} {text}");
        Assert.Equal(expected, (string?)JsonNode.Parse(text)!["workflowState"]!["subStatus"]);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"{file} ran {watch.Elapsed}");
        Assert.DoesNotContain("root:x:0", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".dll", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/health/ready")).StatusCode);
    }
}
