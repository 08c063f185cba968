using System.Diagnostics;
using System.Globalization;
using Klachten.Testing.Browser;
using Microsoft.Playwright;

namespace Klachten.Studio.Tests;

/// <summary>
/// Studio as one app under /studio: moving between the definition list, the editor and the instance list swaps the
/// Studio element in place (the WebAssembly app is not started again), popovers still work after a swap, and the
/// browser's back button returns to the previous view. The times of each step, cold and warm, go to the artifacts.
/// </summary>
public sealed partial class StudioTests
{
    [Fact]
    public async Task S8_ListEditorInstances_SwitchInPlaceWithoutRestartingStudio_BackButtonReturns_TimesMeasured()
    {
        var activities = (await fixture.Server.GetJsonAsync("procesbeheerder", $"/elsa/api/workflow-definitions/by-definition-id/{DefinitionId}?versionOptions=Latest"))["root"]!["activities"]!.AsArray().Count;
        await using var context = await fixture.NewContextAsync();
        var page = await NewPageAsync(context);
        var report = new List<string>();
        foreach (var round in new[] { "cold", "warm" })
        {
            var times = new List<string>();
            times.Add(await Step("list", async () =>
            {
                await page.OpenPageAsync("/studio/");
                await Assertions.Expect(ListRow(page)).ToBeVisibleAsync(new() { Timeout = 90_000 });
            }));
            // Survives only if the page is not loaded again.
            await page.EvaluateAsync("() => window.kwSameApp = true");

            times.Add(await Step("list→editor", async () =>
            {
                await ListRow(page).ClickAsync();
                await Assertions.Expect(page.Locator("elsa-workflow-definition-editor g.x6-node")).ToHaveCountAsync(activities, new() { Timeout = 90_000 });
            }));
            await Assertions.Expect(page).ToHaveURLAsync(new Uri(fixture.Server.Address, $"/studio/workflows/definitions/{DefinitionId}/edit").ToString());
            await AssertSameAppAsync(page, "list → editor");
            await Assertions.Expect(page.Locator("elsa-workflow-definition-list")).ToHaveCountAsync(0);

            // A popover after the swap: the publish menu. It failed while the old element still held the overlay.
            await page.Locator(".mud-button-group-root button").Nth(1).ClickAsync();
            await Assertions.Expect(page.Locator(".mud-popover-open").First).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Escape");

            times.Add(await Step("editor→instances", async () =>
            {
                await page.Locator(".kw-bar a[data-nav=instances]").ClickAsync();
                await Assertions.Expect(page.Locator("elsa-workflow-instance-list table").First).ToBeVisibleAsync(new() { Timeout = 90_000 });
            }));
            await Assertions.Expect(page).ToHaveURLAsync(new Uri(fixture.Server.Address, "/studio/instances").ToString());
            await AssertSameAppAsync(page, "editor → instances");
            await Assertions.Expect(page.Locator("elsa-workflow-definition-editor")).ToHaveCountAsync(0);

            times.Add(await Step("back→editor", async () =>
            {
                await page.GoBackAsync();
                await Assertions.Expect(page.Locator("elsa-workflow-definition-editor g.x6-node")).ToHaveCountAsync(activities, new() { Timeout = 90_000 });
            }));
            await AssertSameAppAsync(page, "back to the editor");
            report.Add($"{round}: " + string.Join(", ", times));
        }

        var text = "Studio navigation, in place (seconds until the view shows its content): " + string.Join("; ", report);
        output.WriteLine(text);
        await File.WriteAllTextAsync(Path.Combine(StudioFixture.ArtifactsDirectory, "studio-navigation.txt"), text + Environment.NewLine);
    }

    private static ILocator ListRow(IPage page) =>
        page.Locator("elsa-workflow-definition-list").GetByText("Klachtenprocedure", new() { Exact = true }).First;

    private static async Task AssertSameAppAsync(IPage page, string step) =>
        Assert.True(await page.EvaluateAsync<bool>("() => window.kwSameApp === true"), $"{step}: the page was loaded again (Studio restarted)");

    private static async Task<string> Step(string name, Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return $"{name} {watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";
    }
}
