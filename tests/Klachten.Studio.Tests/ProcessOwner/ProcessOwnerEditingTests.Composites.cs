using System.Text;
using System.Text.Json.Nodes;
using Klachten.Testing.Browser;
using Microsoft.Playwright;

namespace Klachten.Studio.Tests.ProcessOwner;

/// <summary>
/// Elsa's composite activities as a process owner builds them in Studio (issue 19): a workflow made with "Create
/// workflow"; the toolbox offers every browsable descriptor under its category (Sequence, Parallel and Fork are not
/// browsable, as in Elsa); one representative per group is dropped, connected from Start and filled in the property
/// panel: Branching (If, a WriteLine in its embedded Then port arranged as a Flowchart), Looping (ForEach, a WriteLine
/// in its Body arranged as a Sequence) and Primitives (SetName). Published with Studio's button, read back (exactly
/// what was built), run with Studio's ▶ (the instance viewer draws the filled ports) and reopened.
/// </summary>
public sealed partial class ProcessOwnerEditingTests
{
    [Fact]
    public async Task PE6_Composites_IfForEachSetName_WithEmbeddedPorts_BuiltPublishedAndRunInStudio()
    {
        await using var context = await fixture.NewContextAsync();
        context.Response += (_, r) => { if (r.Status >= 400) { output.WriteLine($"HTTP {r.Status}: {r.Request.Method} {r.Url}"); } };
        var (page, definitionId) = await CreateInStudioAsync(context, "Poacomposiet " + Guid.NewGuid().ToString("N")[..8]);
        await AssertToolboxMatchesDescriptorsAsync(page);

        // One representative per group, side by side, connected Start → If → ForEach → SetName with the mouse.
        await OpenCategoryAsync(page, "Flow");
        var start = await DropAndReadBackAsync(page, definitionId, "Start", "Elsa.Start", 0, 0);
        await OpenCategoryAsync(page, "Branching");
        var branch = await DropAndReadBackAsync(page, definitionId, "Als", "Elsa.If", 260, 0);
        await OpenCategoryAsync(page, "Looping");
        var loop = await DropAndReadBackAsync(page, definitionId, "Voor elk", "Elsa.ForEach", 0, 220);
        await OpenCategoryAsync(page, "Primitives");
        var rename = await DropAndReadBackAsync(page, definitionId, "Naam zetten", "Elsa.SetName", 260, 220);
        await ConnectAsync(page, definitionId, "Start1", "If1", $"{start}:Done->{branch}:In");
        await ConnectAsync(page, definitionId, "If1", "ForEach1", $"{branch}:Done->{loop}:In");
        await ConnectAsync(page, definitionId, "ForEach1", "SetName1", $"{loop}:Done->{rename}:In");

        // The property panel: each input typed there is stored as typed, and nothing else changes.
        await SelectAsync(page, "If1");
        await EditAndReadBackAsync(page, definitionId, branch, "condition", "JavaScript", "true", () => TypeExpressionAsync(page, "Voorwaarde", "JavaScript", "true"));
        await SelectAsync(page, "ForEach1");
        await EditAndReadBackAsync(page, definitionId, loop, "items", "Literal", """["a","b"]""", () => TypeAndLeaveAsync(Field(page, "Items").Locator("input"), """["a","b"]"""));
        await SelectAsync(page, "SetName1");
        await EditAndReadBackAsync(page, definitionId, rename, "value", "Literal", "Uit Studio", () => TypeAndLeaveAsync(Field(page, "Naam").Locator("input"), "Uit Studio"));

        // Embedded ports: a WriteLine in If's Then and one in ForEach's Body, each through Studio's port designer.
        await FillPortAsync(page, definitionId, "If1", branch, "Then", "Flowchart", "Literal", "Dan-tak", () => TypeAndLeaveAsync(Field(page, "Tekst").Locator("input"), "Dan-tak"));
        await FillPortAsync(page, definitionId, "ForEach1", loop, "Body", "Sequence", "JavaScript", "\"Item \" + getCurrentValue()",
            () => TypeExpressionAsync(page, "Tekst", "JavaScript", "\"Item \" + getCurrentValue()"));
        // The If node keeps its empty Else slot next to the filled Then.
        await Assertions.Expect(Node(page, "If1").Locator(".embedded-port-occupied[data-port-name=Then]")).ToHaveCountAsync(1);
        await Assertions.Expect(Node(page, "If1").Locator(".embedded-port[data-port-name=Else]")).ToHaveCountAsync(1);
        var built = await ReadAsync(definitionId);
        Assert.Equal(["Elsa.ForEach", "Elsa.If", "Elsa.SetName", "Elsa.Start"], built.Activities.Select(a => (string)a!["type"]!).Order(StringComparer.Ordinal));
        Assert.Equal(3, built.Connections.Count);
        await page.ScreenshotAsync(new() { Path = Screenshot("composites-built.png") });

        // Publish with Studio's button: version 1 is exactly what was built.
        var published = NextSaveAsync(page, _ => true, publish: true);
        await PublishButton(page).ClickAsync();
        Assert.Equal(200, (await published).Status);
        var v1 = await ReadAsync(definitionId, "Published");
        Assert.Equal((1, true), ((int)v1.Json["version"]!, (bool)v1.Json["isPublished"]!));
        v1.AssertOnlyChanged(built, "Publishing the composites");

        // Run with Studio's ▶: If runs Then, ForEach runs its body per item, SetName names the instance.
        var run = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.EndsWith($"/workflow-definitions/{definitionId}/execute", StringComparison.Ordinal));
        await page.Locator("elsa-workflow-definition-editor button:has(path[d='M8 5v14l11-7z'])").First.ClickAsync();
        var started = await run;
        Assert.Equal(200, started.Status);
        var instanceId = (await started.HeaderValueAsync("x-elsa-workflow-instance-id"))!;
        var viewer = page.Locator("elsa-workflow-instance-viewer");
        await Assertions.Expect(viewer.Locator("g.x6-node")).ToHaveCountAsync(4, new() { Timeout = Boot });
        await Assertions.Expect(viewer.Locator(".embedded-port-occupied[data-port-name=Then]")).ToHaveCountAsync(1);
        await Assertions.Expect(viewer.Locator(".embedded-port-occupied[data-port-name=Body]")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Screenshot("composites-instance.png") });
        var instance = await fixture.Server.GetJsonAsync(Owner, $"/elsa/api/workflow-instances/{instanceId}");
        Assert.Equal(("Finished", "Finished", "Uit Studio"), ((string?)instance["status"], (string?)instance["subStatus"], (string?)instance["name"]));
        Assert.Equal(["Dan-tak", "Item a", "Item b"], await WrittenLinesAsync(instanceId));
        (await ReadAsync(definitionId, "Published")).AssertOnlyChanged(v1, "Running");

        // Reopened, the editor draws both filled ports again, and opening it stores nothing.
        var reopened = await OpenEditorAsync(context, definitionId, activities: 4);
        await Assertions.Expect(Node(reopened, "If1").Locator(".embedded-port-occupied[data-port-name=Then]")).ToHaveCountAsync(1);
        await Assertions.Expect(Node(reopened, "ForEach1").Locator(".embedded-port-occupied[data-port-name=Body]")).ToHaveCountAsync(1);
        (await ReadAsync(definitionId)).AssertOnlyChanged(v1, "Reopening the editor");
    }

    /// <summary>Studio's "Create workflow" on the definition list; answers the editor it lands in and the new id.</summary>
    private async Task<(IPage Page, string DefinitionId)> CreateInStudioAsync(IBrowserContext context, string name)
    {
        var page = await NewPageAsync(context);
        await page.OpenPageAsync("/studio/");
        var list = page.Locator("elsa-workflow-definition-list");
        await Assertions.Expect(list.GetByRole(AriaRole.Button, new() { Name = "Create workflow" }).First).ToBeVisibleAsync(new() { Timeout = Boot });
        await list.GetByRole(AriaRole.Button, new() { Name = "Create workflow" }).First.ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.Locator(".mud-input-control").Filter(new() { Has = page.Locator("label", new() { HasTextRegex = ExactText("Name") }) }).Locator("input").FillAsync(name);
        var created = NextSaveAsync(page, m => (string?)m["name"] == name, publish: null);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Ok" }).ClickAsync();
        Assert.Equal(200, (await created).Status);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/studio/workflows/definitions/[0-9a-f]+/edit$"), new() { Timeout = Boot });
        var definitionId = new Uri(page.Url).Segments[^2].TrimEnd('/');
        _created.Add(definitionId);
        await Assertions.Expect(page.Locator(".x6-graph-svg").First).ToBeVisibleAsync(new() { Timeout = Boot });
        var created1 = await ReadAsync(definitionId);
        Assert.Empty(created1.Activities);

        // Create posts "options": null; the editor's first save (here the save icon) posts its default settings.
        var saved = NextSaveAsync(page, _ => true, publish: false);
        await page.Locator(".elsa-toolbar-icon button").First.ClickAsync();
        Assert.Equal(200, (await saved).Status);
        (await ReadAsync(definitionId)).AssertOnlyChanged(created1, "The first save after Create", "options.");
        return (page, definitionId);
    }

    /// <summary>
    /// The toolbox's categories and items are exactly the browsable descriptors the server answers; the
    /// non-browsable Sequence, Parallel and Fork (and their categories) are absent.
    /// </summary>
    private async Task AssertToolboxMatchesDescriptorsAsync(IPage page)
    {
        var descriptors = (await fixture.Server.GetJsonAsync(Owner, "/elsa/api/descriptors/activities"))["items"]!.AsArray();
        var browsable = descriptors.Where(d => (bool)d!["isBrowsable"]!).ToList();
        var hidden = descriptors.Where(d => !(bool)d!["isBrowsable"]!).Select(d => (string)d!["typeName"]!).Order(StringComparer.Ordinal);
        Assert.Equal(["Elsa.Fork", "Elsa.Parallel", "Elsa.Sequence"], hidden);
        foreach (var category in browsable.Select(d => (string)d!["category"]!).Distinct())
        {
            await OpenCategoryAsync(page, category);
            foreach (var label in browsable.Where(d => (string)d!["category"]! == category).Select(d => (string)d!["displayName"]!))
            {
                await Assertions.Expect(page.Locator("[draggable=true]").GetByText(label, new() { Exact = true })).ToBeVisibleAsync();
            }
        }

        var items = await page.Locator("[draggable=true]").AllTextContentsAsync();
        output.WriteLine("Toolbox: " + string.Join(", ", items.Select(i => i.Trim())));
        foreach (var label in new[] { "Reeks", "Parallel", "Vertakking" })
        {
            Assert.DoesNotContain(label, items.Select(i => i.Trim()));
        }

        await Assertions.Expect(page.Locator("#studio").GetByText("Workflows", new() { Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#studio").GetByText("Control Flow", new() { Exact = true })).ToHaveCountAsync(0);
    }

    private static async Task OpenCategoryAsync(IPage page, string category)
    {
        var header = page.Locator(".mud-expand-panel").Filter(new() { Has = page.Locator(".mud-expand-panel-header", new() { HasTextRegex = ExactText(category) }) }).First;
        if (!await header.Locator(".mud-expand-panel-content").IsVisibleAsync())
        {
            await header.Locator(".mud-expand-panel-header").ClickAsync();
        }
    }

    /// <summary>Selects a node for the property panel; a selected node is covered by X6's selection box, so clear it first.</summary>
    private static async Task SelectAsync(IPage page, string caption)
    {
        await ClearSelectionAsync(page);
        await Node(page, caption).Locator(".activity-label").ClickAsync();
    }

    private static Task ClearSelectionAsync(IPage page) =>
        page.Locator(".x6-graph-svg").First.ClickAsync(new() { Position = new() { X = 5, Y = 5 } });

    private async Task ConnectAsync(IPage page, string definitionId, string from, string to, string key)
    {
        var before = await ReadAsync(definitionId);
        var saved = NextSaveAsync(page, m => m["root"]?["connections"]?.AsArray().Count == before.Connections.Count + 1);
        await DragAsync(page, Node(page, from).Locator("[port='Done']"), Node(page, to).Locator("[port='In']"));
        await saved;
        var after = await ReadAsync(definitionId);
        Assert.Contains(key, after.Connections.Select(c => StoredDefinition.ConnectionKey(c!)));
        after.AssertOnlyChanged(before, $"Connecting {from} to {to}", "root.connections", "root.activities[");
    }

    /// <summary>
    /// Clicks an embedded port's slot on a node, picks the branch's arrangement in Studio's "Create … branch" dialog
    /// (Flowchart or Sequence), drops a WriteLine in that designer, fills its text, and returns to the root. Only that
    /// port changes.
    /// </summary>
    private async Task FillPortAsync(IPage page, string definitionId, string caption, string activityId, string port, string arrangement, string syntax, string text, Func<Task> edit)
    {
        var before = await ReadAsync(definitionId);
        await ClearSelectionAsync(page);
        await Node(page, caption).Locator($".embedded-port[data-port-name={port}]").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog.GetByText($"Create {port} branch")).ToBeVisibleAsync();
        await dialog.GetByText(arrangement, new() { Exact = true }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Ok" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"{caption}: {port}", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("g.x6-node")).ToHaveCountAsync(0);

        var key = char.ToLowerInvariant(port[0]) + port[1..];
        JsonNode? Child(JsonObject model) => PostedActivities(model).FirstOrDefault(a => (string?)a!["id"] == activityId)?[key]?["activities"]?.AsArray().FirstOrDefault();
        var dropped = NextSaveAsync(page, m => Child(m) is not null);
        await OpenCategoryAsync(page, "Primitives");
        await DropAsync(page, "Schrijf regel", 0, 0);
        await dropped;
        // The dropped node is selected: the property panel shows its inputs.
        var filled = NextSaveAsync(page, m => Input(Child(m), "text") == (syntax, text));
        await edit();
        await filled;

        var after = await ReadAsync(definitionId);
        var container = after.Activity(activityId)[key]!;
        Assert.Equal("Elsa." + arrangement, (string?)container["type"]);
        var child = Assert.Single(container["activities"]!.AsArray())!;
        Assert.Equal("Elsa.WriteLine", (string?)child["type"]);
        Assert.Equal((syntax, text), Input(child, "text"));
        after.AssertOnlyChanged(before, $"Filling {caption}.{port}", $"root.activities[{activityId}].{key}.", $"root.activities[{activityId}].metadata.designer.size.");
        await page.ScreenshotAsync(new() { Path = Screenshot($"composites-{key}.png") });

        await page.GetByText("Root", new() { Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.Locator("g.x6-node")).ToHaveCountAsync(4);
    }

    /// <summary>WriteLine's text per Completed journal entry, in order (what Elsa's console would show).</summary>
    private async Task<string[]> WrittenLinesAsync(string instanceId)
    {
        using var client = fixture.Server.As(Owner);
        using var response = await client.PostAsync($"/elsa/api/workflow-instances/{instanceId}/journal?skip=0&take=100", new StringContent("{}", Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"journal: {(int)response.StatusCode} {text}");
        return [.. JsonNode.Parse(text)!["items"]!.AsArray()
            .Where(e => (string?)e!["eventName"] == "Completed" && (string?)e["activityType"] == "Elsa.WriteLine")
            .Select(e => (string?)e!["payload"]?["text"] ?? string.Empty)];
    }
}
