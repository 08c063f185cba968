using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Klachten.Testing.Browser;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Klachten.Studio.Tests.ProcessOwner;

/// <summary>
/// The process owner's first hour, part B (lifecycle): run, open an instance, version history, duplicate,
/// export/import, delete a draft and cancel an instance, each through Studio's own buttons and menus. Every test makes
/// its own workflow through the API as setup (never Klachtenprocedure, whose versions other tests count on) and reads
/// the stored result back through the API afterwards, so a Studio action that changes more than it should fails.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed partial class ProcessOwnerLifecycleTests(StudioFixture fixture, ITestOutputHelper output) : IDisposable
{
    private const string Owner = "procesbeheerder";
    private const float Boot = 90_000; // Blazor WASM on two shared cores
    private static readonly Regex ViewerUrl = new(@"/studio/workflows/instances/(?<id>[^/?#]+)/view$", RegexOptions.CultureInvariant);

    // Console errors that mean Studio broke in the browser (as in StudioTests): every test fails on them when it ends.
    private readonly BrokenInBrowser _broken = new(output);

    public void Dispose() => _broken.AssertNone();

    private async Task<IPage> NewPageAsync(IBrowserContext context)
    {
        var page = await _broken.NewPageAsync(context);
        // Studio's changing calls and failed requests in the test output: the console names no address.
        page.Request += (_, request) =>
        {
            if (request.Method != "GET" && request.Url.Contains("/elsa/api/", StringComparison.Ordinal))
            {
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {request.Method} {request.Url}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                output.WriteLine($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
        return page;
    }

    // ---- Setup through the API (not the action under test) ----

    /// <summary>A unique definition id and name per test, so tests never see each other's workflows.</summary>
    private static (string Id, string Name) NewWorkflow(string purpose)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        return ($"pob-{purpose.ToLowerInvariant()}-{suffix}", $"PO-B {purpose} {suffix}");
    }

    /// <summary>
    /// Start → WriteLine (caption <paramref name="caption"/>, text <paramref name="text"/>) → [HumanTask →] Finish,
    /// with a variable; the task makes a run wait (a running instance), without it a run finishes at once.
    /// </summary>
    private static JsonObject Model(string definitionId, string name, string caption, string text, bool withTask = false)
    {
        var activities = new JsonArray
        {
            Activity("start", "Elsa.Start", 0, null),
            Activity("write", "Elsa.WriteLine", 260, caption, ("text", text)),
        };
        var connections = new JsonArray { Connection("start", "write") };
        var last = "write";
        if (withTask)
        {
            activities.Add(Activity("task", "Klachten.HumanTask", 520, "Controleer", ("title", "Controleer de test"), ("role", Owner)));
            connections.Add(Connection("write", "task"));
            last = "task";
        }

        activities.Add(Activity("finish", "Elsa.Finish", withTask ? 780 : 520, null));
        connections.Add(Connection(last, "finish"));
        return new JsonObject
        {
            ["definitionId"] = definitionId,
            ["name"] = name,
            ["description"] = "Testworkflow van de procesbeheerder (deel B)",
            ["toolVersion"] = "3.8.0",
            ["variables"] = new JsonArray
            {
                new JsonObject { ["id"] = "a1b2c3d4e5f60718", ["name"] = "Teller", ["typeName"] = "Int32", ["isArray"] = false, ["value"] = "3", ["storageDriverTypeName"] = null },
            },
            ["options"] = new JsonObject { ["usableAsActivity"] = false },
            ["root"] = new JsonObject
            {
                ["id"] = "flow1",
                ["type"] = "Elsa.Flowchart",
                ["version"] = 1,
                ["name"] = "Flowchart1",
                ["activities"] = activities,
                ["connections"] = connections,
            },
        };
    }

    private static JsonObject Activity(string id, string type, int x, string? caption, params (string Key, string Value)[] inputs)
    {
        var metadata = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = x, ["y"] = 100 } } };
        if (caption is not null)
        {
            metadata["displayText"] = caption;
        }

        var activity = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = 1, ["name"] = id, ["metadata"] = metadata };
        foreach (var (key, value) in inputs)
        {
            activity[key] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };
        }

        return activity;
    }

    private static JsonObject Connection(string source, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = "Done" },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
        ["vertices"] = new JsonArray(),
    };

    /// <summary>Saves (and optionally publishes) a model as Studio's save does; answers the stored version.</summary>
    private async Task<JsonObject> SaveAsync(JsonObject model, bool publish)
    {
        var body = new JsonObject { ["model"] = model.DeepClone(), ["publish"] = publish };
        var text = await PostAsync("/elsa/api/workflow-definitions", body);
        return JsonNode.Parse(text)!["workflowDefinition"]!.AsObject();
    }

    /// <summary>Starts the published version through the API; answers the instance id.</summary>
    private async Task<string> ExecuteAsync(string definitionId)
    {
        using var client = fixture.Server.As(Owner);
        using var response = await client.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/execute", null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"execute {definitionId}: {(int)response.StatusCode} {text}");
        return response.Headers.GetValues("x-elsa-workflow-instance-id").Single();
    }

    private async Task<string> PostAsync(string path, JsonNode body)
    {
        using var client = fixture.Server.As(Owner);
        using var response = await client.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return text;
    }

    private async Task<JsonObject> InstanceAsync(string id) => (await fixture.Server.GetJsonAsync(Owner, $"/elsa/api/workflow-instances/{id}")).AsObject();

    /// <summary>Every version of a definition as the API lists it (the Versions tab's own query), oldest first.</summary>
    private async Task<List<JsonObject>> VersionsAsync(string definitionId)
    {
        var list = await fixture.Server.GetJsonAsync(Owner, $"/elsa/api/workflow-definitions?versionOptions=AllVersions&DefinitionIds={definitionId}&OrderBy=Version&OrderDirection=Ascending");
        return list["items"]!.AsArray().Select(v => v!.AsObject()).ToList();
    }

    // ---- Studio UI helpers ----

    private async Task<IPage> OpenEditorAsync(IBrowserContext context, string definitionId, int nodes)
    {
        var page = await NewPageAsync(context);
        await page.OpenPageAsync($"/studio/editor?id={definitionId}");
        await Assertions.Expect(page.Locator("elsa-workflow-definition-editor g.x6-node")).ToHaveCountAsync(nodes, new() { Timeout = Boot });
        return page;
    }

    /// <summary>Opens the definition list narrowed to one workflow with Studio's own search field; answers its row.</summary>
    private static async Task<ILocator> DefinitionRowAsync(IPage page, string definitionId)
    {
        await page.OpenPageAsync("/studio/");
        var search = page.GetByPlaceholder("Search on Id, Name, Description, Definition Id");
        await Assertions.Expect(search).ToBeVisibleAsync(new() { Timeout = Boot });
        var searched = page.WaitForResponseAsync(r => r.Url.Contains("/elsa/api/workflow-definitions?", StringComparison.Ordinal) && r.Url.Contains(definitionId, StringComparison.Ordinal));
        await search.FillAsync(definitionId);
        await searched;
        var row = page.Locator("elsa-workflow-definition-list tbody tr").Filter(new() { HasTextString = definitionId });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        return row;
    }

    /// <summary>The instance list's row for one instance (the list is newest first, so a fresh instance is on page 1).</summary>
    private static async Task<ILocator> InstanceRowAsync(IPage page, string instanceId)
    {
        await page.OpenPageAsync("/studio/workflows/instances");
        var row = page.Locator("elsa-workflow-instance-list tbody tr").Filter(new() { HasTextString = instanceId });
        await Assertions.Expect(row).ToHaveCountAsync(1, new() { Timeout = Boot });
        return row;
    }

    /// <summary>Opens a row's ⋮ menu and picks an item by its exact label.</summary>
    /// <remarks>
    /// The first test of a run meets a cold Studio under load: a click on ⋮ that lands before the list's handlers are
    /// attached opens nothing, and a list that renders again closes an open menu (both seen in full runs). So ⋮ and the
    /// item are clicked together, up to three times.
    /// </remarks>
    private static async Task RowMenuAsync(IPage page, ILocator row, string item)
    {
        for (var attempt = 1; ; attempt++)
        {
            await row.Locator("button.mud-icon-button").Last.ClickAsync();
            try
            {
                await MenuItem(page, item).ClickAsync(new() { Timeout = 15_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                await page.Keyboard.PressAsync("Escape");
            }
        }
    }

    private static ILocator MenuItem(IPage page, string item) =>
        page.Locator(".mud-popover-open").GetByText(item, new() { Exact = true }).First;

    /// <summary>Clicks the yes-button of Studio's confirmation message box and waits until the box has closed.</summary>
    private static async Task ConfirmAsync(IPage page, string yes)
    {
        var dialog = page.Locator(".mud-dialog");
        var button = dialog.GetByRole(AriaRole.Button, new() { Name = yes, Exact = true });
        await Assertions.Expect(button).ToBeEnabledAsync();
        await button.ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }

    private static bool Is(IResponse response, string method, string pathEnd) =>
        response.Request.Method == method && new Uri(response.Url).AbsolutePath.EndsWith(pathEnd, StringComparison.Ordinal);
}
