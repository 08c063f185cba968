using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Klachten.Studio.Tests;

[Collection(StudioCollection.Name)]
[TestCaseOrderer("Klachten.Studio.Tests.ByNameOrderer", "Klachten.Studio.Tests")]
public sealed class StudioTests(StudioFixture fixture, ITestOutputHelper output)
{
    private const string DefinitionId = "klachtenprocedure";

    [Fact]
    public async Task S1_DefinitionList_ShowsKlachtenprocedure()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await NewPageAsync(context);
        var watch = Stopwatch.StartNew();
        await page.GotoAsync("/studio/");
        var row = page.Locator("elsa-workflow-definition-list").GetByText("Klachtenprocedure").First;
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 90_000 });
        output.WriteLine($"definition list visible after {watch.Elapsed.TotalSeconds:0.0} s");
        await page.ScreenshotAsync(new() { Path = Screenshot("definition-list.png") });
        await File.WriteAllTextAsync(Screenshot("definition-list.html"), await page.ContentAsync());
    }

    [Fact]
    public async Task S2_Editor_RendersEveryActivityAndConnection()
    {
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(WorkflowFile()))!["root"]!;
        var activities = expected["activities"]!.AsArray().Count;
        var connections = expected["connections"]!.AsArray().Count;
        await using var context = await fixture.NewContextAsync();
        var page = await NewPageAsync(context);
        await page.GotoAsync($"/studio/editor?id={DefinitionId}");
        var nodes = page.Locator("g.x6-node");
        await Assertions.Expect(nodes).ToHaveCountAsync(activities, new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("g.x6-edge")).ToHaveCountAsync(connections);
        await page.ScreenshotAsync(new() { Path = Screenshot("editor-klachtenprocedure.png") });
        await File.WriteAllTextAsync(Screenshot("editor.html"), await page.ContentAsync());
    }

    private async Task<IPage> NewPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" || message.Text.StartsWith("crit", StringComparison.Ordinal))
            {
                output.WriteLine($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => output.WriteLine($"page error: {error}");
        return page;
    }

    private static string Screenshot(string name)
    {
        var directory = Path.Combine(StudioFixture.ArtifactsDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }

    private static string WorkflowFile() => Path.Combine(AppContext.BaseDirectory, "workflows", "klachtenprocedure.json");
}
