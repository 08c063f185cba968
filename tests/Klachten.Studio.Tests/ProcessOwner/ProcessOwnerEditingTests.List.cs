using System.Globalization;
using System.Text.Json.Nodes;
using Klachten.Testing.Browser;
using Microsoft.Playwright;

namespace Klachten.Studio.Tests.ProcessOwner;

/// <summary>
/// The definition list and "Create workflow". Studio 3.8.2's list offers a search box, sortable column headers
/// (Definition ID, Name, Latest version, Published version) and paging; it has no published/draft filter.
/// </summary>
public sealed partial class ProcessOwnerEditingTests
{
    private const string SearchPlaceholder = "Search on Id, Name, Description, Definition Id";

    [Fact]
    public async Task PE1_DefinitionList_SearchSortAndPage_ShowExactlyWhatTheApiReturns()
    {
        // Eleven definitions, one more than a page; the even ones published, and "04" has a v2 draft on top of v1.
        var prefix = "Poalijst" + Guid.NewGuid().ToString("N")[..8];
        var names = Enumerable.Range(1, 11).Select(i => $"{prefix} {i.ToString("00", CultureInfo.InvariantCulture)}").ToList();
        var ids = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            ids.Add(await CreateDefinitionAsync(names[i], $"Lijsttest {i + 1}", publish: (i + 1) % 2 == 0));
        }

        await CreateDefinitionAsync(names[3], "Lijsttest 4, tweede versie", definitionId: ids[3]);

        await using var context = await fixture.NewContextAsync();
        var page = await NewPageAsync(context);
        await page.OpenPageAsync("/studio/");
        var list = page.Locator("elsa-workflow-definition-list");
        await Assertions.Expect(list.GetByText("Klachtenprocedure").First).ToBeVisibleAsync(new() { Timeout = Boot });

        // Search: typing filters the list (Studio debounces and queries SearchTerm itself).
        var searched = ListResponseAsync(page, r => r.Contains($"SearchTerm={prefix}", StringComparison.Ordinal) && r.Contains("Page=0", StringComparison.Ordinal));
        await list.GetByPlaceholder(SearchPlaceholder).FillAsync(prefix);
        var ascending = await AssertListShowsApiAsync(page, await searched);
        Assert.Equal(11, (int)ascending["totalCount"]!);
        Assert.Equal(names.Take(10), NamesOf(ascending));
        await Assertions.Expect(list.Locator(".mud-table-pagination-caption").Last).ToHaveTextAsync("1-10 of 11");
        var withDraft = list.Locator("tbody tr").Filter(new() { Has = page.Locator("td[data-label='ID']", new() { HasTextString = ids[3] }) });
        await Assertions.Expect(withDraft.Locator("td[data-label='Latest version']")).ToHaveTextAsync("2");
        await Assertions.Expect(withDraft.Locator("td[data-label='Published version']")).ToHaveTextAsync("1");

        // Sorting by name: the first click sorts ascending, the second descending.
        var byName = list.Locator(".mud-table-sort-label").Filter(new() { HasTextRegex = ExactText("Name") });
        var sortedUp = ListResponseAsync(page, r => r.Contains("OrderBy=Name&OrderDirection=Ascending", StringComparison.Ordinal));
        await byName.ClickAsync();
        Assert.Equal(names.Take(10), NamesOf(await AssertListShowsApiAsync(page, await sortedUp)));
        var sortedDown = ListResponseAsync(page, r => r.Contains("OrderBy=Name&OrderDirection=Descending", StringComparison.Ordinal));
        await byName.ClickAsync();
        Assert.Equal(names.AsEnumerable().Reverse().Take(10), NamesOf(await AssertListShowsApiAsync(page, await sortedDown)));

        // Paging: the second page holds the one remaining definition.
        var second = ListResponseAsync(page, r => r.Contains("Page=1&", StringComparison.Ordinal) && r.Contains("OrderDirection=Descending", StringComparison.Ordinal));
        await list.Locator("button[aria-label='Next page']").ClickAsync();
        Assert.Equal([names[0]], NamesOf(await AssertListShowsApiAsync(page, await second)));
        await Assertions.Expect(list.Locator(".mud-table-pagination-caption").Last).ToHaveTextAsync("11-11 of 11");
        await page.ScreenshotAsync(new() { Path = Screenshot("list-search-sort-page.png") });
    }

    [Fact]
    public async Task PE2_CreateWorkflowDialog_NameAndDescription_LandsInEditor_ExactlyThatDefinitionStored()
    {
        var name = "Poanieuw " + Guid.NewGuid().ToString("N")[..8];
        const string Description = "Klachten over de website, aangemaakt in Studio.";
        await using var context = await fixture.NewContextAsync();
        var page = await NewPageAsync(context);
        await page.OpenPageAsync("/studio/");
        var list = page.Locator("elsa-workflow-definition-list");
        await Assertions.Expect(list.GetByText("Klachtenprocedure").First).ToBeVisibleAsync(new() { Timeout = Boot });

        await list.GetByRole(AriaRole.Button, new() { Name = "Create workflow" }).First.ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.Locator(".mud-input-control").Filter(new() { Has = page.Locator("label", new() { HasTextRegex = ExactText("Name") }) }).Locator("input").FillAsync(name);
        await dialog.Locator("textarea").FillAsync(Description);
        var created = NextSaveAsync(page, m => (string?)m["name"] == name, publish: null);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Ok" }).ClickAsync();
        Assert.Equal(200, (await created).Status);

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/studio/workflows/definitions/[0-9a-f]+/edit$"), new() { Timeout = Boot });
        var definitionId = new Uri(page.Url).Segments[^2].TrimEnd('/');
        _created.Add(definitionId);
        await Assertions.Expect(page.Locator(".x6-graph-svg").First).ToBeVisibleAsync(new() { Timeout = Boot });
        await Assertions.Expect(page.GetByText(name, new() { Exact = true }).First).ToBeVisibleAsync();

        var matches = await fixture.Server.GetJsonAsync(Owner, $"/elsa/api/workflow-definitions?versionOptions=Latest&SearchTerm={Uri.EscapeDataString(name)}");
        Assert.Equal(1, (int)matches["totalCount"]!);
        var stored = await ReadAsync(definitionId);
        Assert.Equal(name, (string?)stored.Json["name"]);
        Assert.Equal(Description, (string?)stored.Json["description"]);
        Assert.Equal(1, (int)stored.Json["version"]!);
        Assert.False((bool)stored.Json["isPublished"]!);
        Assert.Equal("Elsa.Flowchart", (string?)stored.Json["root"]!["type"]);
        Assert.Empty(stored.Activities);
        Assert.Empty(stored.Connections);
        Assert.Empty(stored.Json["variables"]!.AsArray());
        await page.ScreenshotAsync(new() { Path = Screenshot("created-workflow.png") });
    }

    private static Task<IResponse> ListResponseAsync(IPage page, Func<string, bool> query) =>
        page.WaitForResponseAsync(
            r => r.Request.Method == "GET" && r.Url.Contains("/elsa/api/workflow-definitions?versionOptions=Latest&", StringComparison.Ordinal) && query(r.Url),
            new() { Timeout = 60_000 });

    /// <summary>Reads the same query from the API and checks the rows Studio shows: names and both version columns.</summary>
    private async Task<JsonNode> AssertListShowsApiAsync(IPage page, IResponse response)
    {
        Assert.Equal(200, response.Status);
        var query = new Uri(response.Url).PathAndQuery;
        var latest = await fixture.Server.GetJsonAsync(Owner, query);
        var items = latest["items"]!.AsArray();
        var list = page.Locator("elsa-workflow-definition-list tbody");
        await Assertions.Expect(list.Locator("td[data-label='Name']")).ToHaveTextAsync(NamesOf(latest).ToArray());
        await Assertions.Expect(list.Locator("td[data-label='ID']")).ToHaveTextAsync(items.Select(i => (string)i!["definitionId"]!).ToArray());
        await Assertions.Expect(list.Locator("td[data-label='Latest version']")).ToHaveTextAsync(items.Select(i => ((int)i!["version"]!).ToString(CultureInfo.InvariantCulture)).ToArray());

        // For a row whose latest version is a draft, Studio asks the published versions of those definitions separately.
        var drafts = items.Where(i => !(bool)i!["isPublished"]!).Select(i => (string)i!["definitionId"]!).ToList();
        var published = new Dictionary<string, int>(StringComparer.Ordinal);
        if (drafts.Count > 0)
        {
            var query2 = "/elsa/api/workflow-definitions?versionOptions=Published&" + string.Join("&", drafts.Select(d => "DefinitionIds=" + Uri.EscapeDataString(d)));
            foreach (var item in (await fixture.Server.GetJsonAsync(Owner, query2))["items"]!.AsArray())
            {
                published[(string)item!["definitionId"]!] = (int)item["version"]!;
            }
        }

        var expected = items.Select(i => (bool)i!["isPublished"]! ? (int?)(int)i["version"]! : published.TryGetValue((string)i["definitionId"]!, out var v) ? v : null);
        await Assertions.Expect(list.Locator("td[data-label='Published version']")).ToHaveTextAsync(expected.Select(v => v?.ToString(CultureInfo.InvariantCulture) ?? "-").ToArray());
        return latest;
    }

    private static List<string> NamesOf(JsonNode page) => page["items"]!.AsArray().Select(i => (string)i!["name"]!).ToList();
}
