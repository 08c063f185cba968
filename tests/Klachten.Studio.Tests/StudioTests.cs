using System.Diagnostics;
using System.Text.Json.Nodes;
using Klachten.Testing.Browser;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Klachten.Studio.Tests;

[Collection(StudioCollection.Name)]
[TestCaseOrderer("Klachten.Studio.Tests.ByNameOrderer", "Klachten.Studio.Tests")]
public sealed partial class StudioTests(StudioFixture fixture, ITestOutputHelper output) : IDisposable
{
    // Every test fails at its end if Studio broke in the browser.
    private readonly BrokenInBrowser _broken = new(output);

    private const string DefinitionId = "klachtenprocedure";

    [Fact]
    public async Task S1_DefinitionList_ShowsKlachtenprocedure_ColdAndWarmLoadMeasured()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await NewPageAsync(context);
        long bytes = 0, files = 0;
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/studio/_", StringComparison.Ordinal) && response.Headers.TryGetValue("content-length", out var length))
            {
                Interlocked.Add(ref bytes, long.Parse(length, System.Globalization.CultureInfo.InvariantCulture));
                Interlocked.Increment(ref files);
            }
        };
        var cold = await LoadListAsync(page, () => page.OpenPageAsync("/studio/"));
        await page.ScreenshotAsync(new() { Path = Screenshot("definition-list.png") });
        var coldBytes = Interlocked.Read(ref bytes);
        var coldFiles = Interlocked.Read(ref files);
        var warm = await LoadListAsync(page, () => page.ReloadAsync());
        var metrics = $"Studio first load (definition list visible, empty cache): {cold.TotalSeconds:0.0} s; warm (reload, cached): {warm.TotalSeconds:0.0} s; " +
                      $"bundle transferred on the cold load: {coldBytes / 1024.0 / 1024.0:0.0} MB in {coldFiles} files (br where shipped)";
        output.WriteLine(metrics);
        await File.WriteAllTextAsync(Path.Combine(StudioFixture.ArtifactsDirectory, "studio-load.txt"), metrics + Environment.NewLine);
    }

    private static async Task<TimeSpan> LoadListAsync(IPage page, Func<Task> navigate)
    {
        var watch = Stopwatch.StartNew();
        await navigate();
        await Assertions.Expect(page.Locator("elsa-workflow-definition-list").GetByText("Klachtenprocedure").First).ToBeVisibleAsync(new() { Timeout = 90_000 });
        return watch.Elapsed;
    }

    [Fact]
    public async Task S2_Editor_RendersEveryActivityAndConnection()
    {
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(WorkflowFile()))!["root"]!;
        var activities = expected["activities"]!.AsArray().Count;
        var connections = expected["connections"]!.AsArray().Count;
        await using var context = await fixture.NewContextAsync();
        var page = await NewPageAsync(context);
        await page.OpenPageAsync($"/studio/editor?id={DefinitionId}");
        var nodes = page.Locator("g.x6-node");
        await Assertions.Expect(nodes).ToHaveCountAsync(activities, new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("g.x6-edge")).ToHaveCountAsync(connections);
        await page.ScreenshotAsync(new() { Path = Screenshot("editor-klachtenprocedure.png") });
    }

    [Fact]
    public async Task S3_Toolbox_ListsKlachtenActivitiesUnderTheirCategory()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await OpenEditorAsync(context);
        await page.Locator("#studio").GetByText("Klachten", new() { Exact = true }).First.ClickAsync();
        foreach (var label in new[] { "Taak", "Termijn", "Status klacht", "Brief versturen" })
        {
            await Assertions.Expect(page.Locator("[draggable=true]").GetByText(label, new() { Exact = true })).ToBeVisibleAsync();
        }

        await page.ScreenshotAsync(new() { Path = Screenshot("toolbox-klachten.png") });
    }

    [Fact]
    public async Task S4_InvalidEditByProcessOwner_RefusedWithVisibleMessage_V1StaysPublished()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await OpenEditorAsync(context);
        await DropTermAsync(page);

        // A term without an amount may be saved as a draft, but publishing it is refused.
        var publish = page.WaitForResponseAsync(r => IsSave(r, publish: true));
        await PublishButton(page).ClickAsync();
        var response = await publish;
        Assert.Equal(400, response.Status);
        await Assertions.Expect(page.GetByText("heeft geen aantal").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("publish-refused.png") });

        var published = await fixture.Server.GetJsonAsync("procesbeheerder", $"/elsa/api/workflow-definitions/by-definition-id/{DefinitionId}?versionOptions=Published");
        Assert.Equal(1, (int)published["version"]!);

        // Leave no draft behind for the next test.
        var latest = await fixture.Server.GetJsonAsync("procesbeheerder", $"/elsa/api/workflow-definitions/by-definition-id/{DefinitionId}?versionOptions=Latest");
        if (!(bool)latest["isPublished"]!)
        {
            using var owner = fixture.Server.As("procesbeheerder");
            using var deleted = await owner.DeleteAsync($"/elsa/api/workflow-definition-versions/{(string)latest["id"]!}");
            Assert.True(deleted.IsSuccessStatusCode, $"delete draft: {(int)deleted.StatusCode}");
        }
    }

    [Fact]
    public async Task S5_TermDroppedWithFiveWorkingDays_SavedAsDraft_PublishedAsV2_NewCaseUsesV2_RunningCaseStaysOnV1()
    {
        var running = await RegisterComplaintAsync();
        Assert.Equal(1, (int)(await Instance(running))["version"]!);

        await using var context = await fixture.NewContextAsync();
        var page = await OpenEditorAsync(context);
        await DropTermAsync(page);
        // The dropped node is selected at once, so its inputs are in the property panel.
        await Assertions.Expect(page.Locator("g.x6-node.x6-node-selected").GetByText("Termijn", new() { Exact = true })).ToHaveCountAsync(1);
        var amount = page.Locator(".mud-input-control").Filter(new() { Has = page.Locator("label", new() { HasTextString = "Aantal" }) }).Locator("input").First;
        await amount.FillAsync("5");
        await amount.PressAsync("Tab");
        var unit = page.Locator(".mud-input-control").Filter(new() { Has = page.Locator("label", new() { HasTextString = "Eenheid" }) }).First;
        await unit.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Werkdagen", new() { Exact = true }).Last.ClickAsync();

        var save = page.WaitForResponseAsync(r => IsSave(r, publish: false) && r.Status == 200 && r.Request.PostData!.Contains("WorkingDays", StringComparison.Ordinal));
        await SaveButton(page).ClickAsync();
        await save;
        var draft = await fixture.Server.GetJsonAsync("procesbeheerder", $"/elsa/api/workflow-definitions/by-definition-id/{DefinitionId}?versionOptions=Latest");
        Assert.Equal(2, (int)draft["version"]!);
        Assert.False((bool)draft["isPublished"]!);
        var term = draft["root"]!["activities"]!.AsArray().Single(a => (string)a!["type"]! == "Klachten.Term")!;
        Assert.Equal("5", term["amount"]!["expression"]!["value"]!.ToString());
        Assert.Equal("WorkingDays", term["unit"]!["expression"]!["value"]!.ToString());
        await page.ScreenshotAsync(new() { Path = Screenshot("term-draft.png") });

        var publish = page.WaitForResponseAsync(r => IsSave(r, publish: true));
        await PublishButton(page).ClickAsync();
        Assert.Equal(200, (await publish).Status);
        var published = await fixture.Server.GetJsonAsync("procesbeheerder", $"/elsa/api/workflow-definitions/by-definition-id/{DefinitionId}?versionOptions=Published");
        Assert.Equal(2, (int)published["version"]!);

        var fresh = await RegisterComplaintAsync();
        Assert.Equal(2, (int)(await Instance(fresh))["version"]!);
        Assert.Equal(1, (int)(await Instance(running))["version"]!);
        s_runningInstance = running;
    }

    [Fact]
    public async Task S6_InstanceViewer_ShowsRunningCaseJournalWithCompletedActivities()
    {
        var instanceId = s_runningInstance ?? await RegisterComplaintAsync();
        var journal = await fixture.Server.GetJsonAsync("procesbeheerder", $"/elsa/api/workflow-instances/{instanceId}/journal");
        var completed = journal["items"]!.AsArray().Where(r => (string)r!["eventName"]! == "Completed" && (string)r["activityType"]! != "Elsa.Flowchart").ToList();
        Assert.NotEmpty(completed);

        await using var context = await fixture.NewContextAsync();
        var page = await NewPageAsync(context);
        await page.OpenPageAsync($"/studio/instance?id={instanceId}");
        await Assertions.Expect(page.Locator("g.x6-node").First).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Assertions.Expect(page.GetByText("Completed").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("instance-viewer.png") });
        await File.WriteAllTextAsync(Screenshot("instance-viewer.html"), await page.ContentAsync());
    }

    [Fact]
    public async Task S7_InstanceViewerDeepLink_Reload_ShowsViewerAgain()
    {
        var instanceId = s_runningInstance ?? await RegisterComplaintAsync();
        await using var context = await fixture.NewContextAsync();
        var page = await NewPageAsync(context);
        await page.OpenPageAsync($"/studio/workflows/instances/{instanceId}/view");
        await Assertions.Expect(page.Locator("elsa-workflow-instance-viewer g.x6-node").First).ToBeVisibleAsync(new() { Timeout = 90_000 });

        await page.ReloadAsync();

        await Assertions.Expect(page.Locator("elsa-workflow-instance-viewer g.x6-node").First).ToBeVisibleAsync(new() { Timeout = 90_000 });
    }

    private static string? s_runningInstance;

    private async Task<IPage> OpenEditorAsync(IBrowserContext context)
    {
        var page = await NewPageAsync(context);
        var latest = await fixture.Server.GetJsonAsync("procesbeheerder", $"/elsa/api/workflow-definitions/by-definition-id/{DefinitionId}?versionOptions=Latest");
        await page.OpenPageAsync($"/studio/editor?id={DefinitionId}");
        await Assertions.Expect(page.Locator("g.x6-node")).ToHaveCountAsync(latest["root"]!["activities"]!.AsArray().Count, new() { Timeout = 90_000 });
        return page;
    }

    private static async Task DropTermAsync(IPage page)
    {
        var before = await page.Locator("g.x6-node").CountAsync();
        await page.Locator("#studio").GetByText("Klachten", new() { Exact = true }).First.ClickAsync();
        var item = page.Locator("[draggable=true]").Filter(new() { HasTextString = "Termijn" }).First;
        await Assertions.Expect(item).ToBeVisibleAsync();
        var canvas = page.Locator(".x6-graph-svg").First;
        await page.EvaluateAsync(
            """
            ([source, target]) => {
              const rect = target.getBoundingClientRect();
              const x = rect.left + rect.width / 2, y = rect.top + rect.height / 2;
              const data = new DataTransfer();
              source.dispatchEvent(new DragEvent('dragstart', { bubbles: true, cancelable: true, dataTransfer: data }));
              for (const type of ['dragenter', 'dragover', 'drop']) {
                target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data, clientX: x, clientY: y }));
              }
              source.dispatchEvent(new DragEvent('dragend', { bubbles: true, cancelable: true, dataTransfer: data }));
            }
            """,
            new[] { await item.ElementHandleAsync(), await canvas.ElementHandleAsync() });
        await Assertions.Expect(page.Locator("g.x6-node")).ToHaveCountAsync(before + 1);
    }

    private static ILocator SaveButton(IPage page) => page.Locator(".elsa-toolbar-icon button").First;

    private static ILocator PublishButton(IPage page) => page.Locator(".mud-button-group-root button.mud-primary-text").First;

    private static bool IsSave(IResponse response, bool publish) =>
        response.Request.Method == "POST" && response.Url.EndsWith("/elsa/api/workflow-definitions", StringComparison.Ordinal)
        && response.Request.PostData is { } body && body.Contains($"\"publish\":{(publish ? "true" : "false")}", StringComparison.Ordinal);

    private async Task<JsonNode> Instance(string id) => await fixture.Server.GetJsonAsync("procesbeheerder", $"/elsa/api/workflow-instances/{id}");

    private async Task<string> RegisterComplaintAsync()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        using var client = fixture.Server.As("directeur");
        var body = new JsonObject
        {
            ["complainant"] = new JsonObject { ["name"] = "Karin Klager", ["email"] = "karin@example.nl" },
            ["category"] = "Treatment",
            ["eventDate"] = today.AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["receivedOn"] = today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["stage"] = "Formal",
            ["concernedEmployee"] = "medewerker",
            ["manager"] = "leidinggevende",
            ["description"] = "Onheus bejegend aan de balie.",
        };
        using var response = await client.PostAsync("/api/complaints", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"register: {(int)response.StatusCode} {text}");
        return (string)JsonNode.Parse(text)!["workflowInstanceId"]!;
    }

    private Task<IPage> NewPageAsync(IBrowserContext context) => _broken.NewPageAsync(context);

    public void Dispose() => _broken.AssertNone();

    private static string Screenshot(string name)
    {
        var directory = Path.Combine(StudioFixture.ArtifactsDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }

    private static string WorkflowFile() => Path.Combine(AppContext.BaseDirectory, "workflows", "klachtenprocedure.json");
}
