using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Klachten.Testing.Browser;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Klachten.Studio.Tests.ProcessOwner;

/// <summary>
/// A process owner's first hour in the real Studio 3.8.2, part A (editing): the definition list, "Create workflow",
/// dropping every Klachten activity and editing every input kind, connecting, saving and publishing. Every action is
/// done through Studio's UI; the API is only used for setup and to read back what Studio stored. Each test works on
/// definitions it creates (never on klachtenprocedure) and deletes them afterwards.
/// </summary>
[Collection(StudioCollection.Name)]
[TestCaseOrderer("Klachten.Studio.Tests.ByNameOrderer", "Klachten.Studio.Tests")]
public sealed partial class ProcessOwnerEditingTests(StudioFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Boot = 90_000;
    private const string Owner = "procesbeheerder";

    // Console errors that mean Studio broke in the browser (as in StudioTests): a blocked script or an unhandled
    // component exception. Every test fails on them when it ends.
    private readonly BrokenInBrowser _broken = new(output);
    private readonly List<string> _created = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        using var client = fixture.Server.As(Owner);
        foreach (var definitionId in _created)
        {
            // Cleanup only: other tests in the collection read the definition list.
            using var _ = await client.DeleteAsync($"/elsa/api/workflow-definitions/{Uri.EscapeDataString(definitionId)}");
        }

        _broken.AssertNone();
    }

    private Task<IPage> NewPageAsync(IBrowserContext context) => _broken.NewPageAsync(context);

    /// <summary>Setup through the API: a draft (or published) definition with the given flowchart content.</summary>
    private async Task<string> CreateDefinitionAsync(string name, string? description = null, JsonArray? activities = null, bool publish = false, string? definitionId = null)
    {
        var model = new JsonObject
        {
            ["definitionId"] = definitionId,
            ["name"] = name,
            ["description"] = description,
            // What Studio posts for a definition without settings, so its first save is not a difference.
            ["options"] = new JsonObject
            {
                ["activationStrategyType"] = null,
                ["usableAsActivity"] = null,
                ["autoUpdateConsumingWorkflows"] = false,
                ["activityCategory"] = null,
                ["incidentStrategyType"] = null,
                ["commitStrategyName"] = null,
            },
            ["root"] = new JsonObject
            {
                ["id"] = "flowchart1",
                ["type"] = "Elsa.Flowchart",
                ["version"] = 1,
                ["name"] = "Flowchart1",
                ["activities"] = activities ?? [],
                ["connections"] = new JsonArray(),
            },
        };
        using var client = fixture.Server.As(Owner);
        var body = new JsonObject { ["model"] = model, ["publish"] = publish };
        using var response = await client.PostAsync("/elsa/api/workflow-definitions", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"setup {name}: {(int)response.StatusCode} {text}");
        var stored = (string)JsonNode.Parse(text)!["workflowDefinition"]!["definitionId"]!;
        if (!_created.Contains(stored))
        {
            _created.Add(stored);
        }

        return stored;
    }

    private async Task<IPage> OpenEditorAsync(IBrowserContext context, string definitionId, int activities)
    {
        var page = await NewPageAsync(context);
        await page.OpenPageAsync($"/studio/editor?id={definitionId}");
        await Assertions.Expect(page.Locator(".x6-graph-svg").First).ToBeVisibleAsync(new() { Timeout = Boot });
        await Assertions.Expect(page.Locator("g.x6-node")).ToHaveCountAsync(activities, new() { Timeout = Boot });
        return page;
    }

    private Task<StoredDefinition> ReadAsync(string definitionId, string versionOptions = "Latest") =>
        StoredDefinition.ReadAsync(fixture.Server, definitionId, versionOptions);

    /// <summary>
    /// The next save Studio posts (auto-save, save icon or publish icon) whose model satisfies <paramref name="model"/>.
    /// Auto-save may post several times while typing; waiting for the one with the final content avoids reading back
    /// an intermediate state.
    /// </summary>
    private static Task<IResponse> NextSaveAsync(IPage page, Func<JsonObject, bool> model, bool? publish = false) =>
        page.WaitForResponseAsync(
            r => r.Request.Method == "POST" && r.Url.EndsWith("/elsa/api/workflow-definitions", StringComparison.Ordinal)
                && r.Request.PostData is { } body && body.Contains($"\"publish\":{(publish is null ? "null" : publish.Value ? "true" : "false")}", StringComparison.Ordinal)
                && JsonNode.Parse(body)!["model"] is JsonObject posted && model(posted),
            new() { Timeout = 60_000 });

    private static JsonArray PostedActivities(JsonObject model) => model["root"]?["activities"]?.AsArray() ?? [];

    /// <summary>The expression of one input of one activity in a posted or stored model, e.g. ("Literal", "5").</summary>
    private static (string? Syntax, string? Value) Input(JsonNode? activity, string input) =>
        ((string?)activity?[input]?["expression"]?["type"], activity?[input]?["expression"]?["value"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : activity?[input]?["expression"]?["value"]?.ToJsonString());

    private static bool PostedInput(JsonObject model, string activityId, string input, string syntax, string value) =>
        PostedActivities(model).FirstOrDefault(a => (string?)a!["id"] == activityId) is { } activity && Input(activity, input) == (syntax, value);

    /// <summary>A MudBlazor input control found by its exact label (labels such as "Termijn (aantal)" share words).</summary>
    private static ILocator Field(IPage page, string label) =>
        page.Locator(".mud-input-control").Filter(new() { Has = page.Locator("label", new() { HasTextRegex = ExactText(label) }) }).First;

    /// <summary>The row of an activity input: the editor plus its ⋮ syntax menu.</summary>
    private static ILocator InputRow(IPage page, string label) =>
        page.Locator("div[role=group].flex-row").Filter(new() { Has = page.Locator("label", new() { HasTextRegex = ExactText(label) }) }).Last;

    private static Regex ExactText(string text) => new($"^\\s*{Regex.Escape(text)}\\s*$");

    private static async Task ChooseAsync(IPage page, string label, string option)
    {
        await Field(page, label).ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true }).Last.ClickAsync();
    }

    /// <summary>Drops a toolbox item on the canvas with the browser's own drag events (X6 listens for HTML5 drop).</summary>
    private static async Task DropAsync(IPage page, string label, int offsetX, int offsetY)
    {
        var before = await page.Locator("g.x6-node").CountAsync();
        var item = page.Locator("[draggable=true]").Filter(new() { Has = page.GetByText(label, new() { Exact = true }) }).First;
        await Assertions.Expect(item).ToBeVisibleAsync();
        var canvas = page.Locator(".x6-graph-svg").First;
        await page.EvaluateAsync(
            """
            ([source, target, dx, dy]) => {
              const rect = target.getBoundingClientRect();
              const x = rect.left + 150 + dx, y = rect.top + 100 + dy;
              const data = new DataTransfer();
              source.dispatchEvent(new DragEvent('dragstart', { bubbles: true, cancelable: true, dataTransfer: data }));
              for (const type of ['dragenter', 'dragover', 'drop']) {
                target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data, clientX: x, clientY: y }));
              }
              source.dispatchEvent(new DragEvent('dragend', { bubbles: true, cancelable: true, dataTransfer: data }));
            }
            """,
            new object[] { await item.ElementHandleAsync(), await canvas.ElementHandleAsync(), offsetX, offsetY });
        await Assertions.Expect(page.Locator("g.x6-node")).ToHaveCountAsync(before + 1);
    }

    /// <summary>Drops an activity, waits for the auto-save and returns the id of the one new activity of that type.</summary>
    private async Task<string> DropAndReadBackAsync(IPage page, string definitionId, string label, string type, int offsetX, int offsetY)
    {
        var before = await ReadAsync(definitionId);
        var save = NextSaveAsync(page, m => PostedActivities(m).Count == before.Activities.Count + 1);
        await DropAsync(page, label, offsetX, offsetY);
        await save;
        var after = await ReadAsync(definitionId);
        var added = after.Activities.Select(a => (string)a!["id"]!).Except(before.Activities.Select(a => (string)a!["id"]!)).ToList();
        Assert.Single(added);
        Assert.Equal(type, (string?)after.Activity(added[0])["type"]);
        // The flattened "root.activities: []" line of an empty flowchart disappears with the first activity. A node
        // dropped just before is re-measured once drawn (200×50 → e.g. 184×54), which may ride along: layout only.
        var resized = before.Activities.Select(a => $"root.activities[{a!["id"]}].metadata.designer.size.");
        var changes = after.ChangesSince(before, [$"root.activities[{added[0]}]", .. resized]).Where(c => c != "root.activities: [] → (absent)").ToList();
        Assert.True(changes.Count == 0, $"Dropping '{label}' changed more than it should:\n" + string.Join("\n", changes));
        return added[0];
    }

    /// <summary>Does <paramref name="edit"/> in the UI, waits for the save it causes and checks only the input changed.</summary>
    private async Task<StoredDefinition> EditAndReadBackAsync(IPage page, string definitionId, string activityId, string input, string syntax, string value, Func<Task> edit)
    {
        var before = await ReadAsync(definitionId);
        var save = NextSaveAsync(page, m => PostedInput(m, activityId, input, syntax, value));
        await edit();
        await save;
        var after = await ReadAsync(definitionId);
        Assert.Equal((syntax, value), Input(after.Activity(activityId), input));
        // A dropped node is saved with Studio's default size (200×50) and re-measured once it is drawn (e.g. height 54);
        // that measurement rides along with the first edit. Layout only, so allowed for the edited node.
        after.AssertOnlyChanged(before, $"Editing '{input}'", $"root.activities[{activityId}].{input}.", $"root.activities[{activityId}].metadata.designer.size.");
        return after;
    }

    private static async Task TypeAndLeaveAsync(ILocator input, string text)
    {
        await input.FillAsync(text);
        await input.PressAsync("Tab");
    }

    /// <summary>Switches an input to another syntax with its ⋮ menu and types into the Monaco editor that replaces it.</summary>
    private static async Task TypeExpressionAsync(IPage page, string label, string syntax, string text)
    {
        var row = InputRow(page, label);
        await row.Locator(".mud-menu button").First.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(syntax, new() { Exact = true }).Last.ClickAsync();
        var monaco = row.Locator(".monaco-editor .view-lines");
        await Assertions.Expect(monaco).ToBeVisibleAsync();
        await monaco.ClickAsync();
        await page.Keyboard.TypeAsync(text);
    }

    private static ILocator Node(IPage page, string caption) =>
        page.Locator("g.x6-node").Filter(new() { Has = page.GetByText(caption, new() { Exact = true }) });

    private static string Screenshot(string name)
    {
        var directory = Path.Combine(StudioFixture.ArtifactsDirectory, "screenshots", "process-owner");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }
}
