using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Klachten.Studio.Tests.ProcessOwner;

/// <summary>The editor's Version history tab: list, view an old version, roll back, delete a draft.</summary>
public sealed partial class ProcessOwnerLifecycleTests
{
    [Fact]
    public async Task L3_VersionHistory_ListsApiVersions_ViewsOldVersionReadOnly_RollbackMakesNewLatestWithOldRoot()
    {
        var (id, name) = NewWorkflow("Versions");
        var v1 = await SaveAsync(Model(id, name, "Versie een", "Regel uit versie 1"), publish: true);
        var v2 = await SaveAsync(Model(id, name, "Versie twee", "Regel uit versie 2"), publish: true);
        Assert.Equal(2, (int)v2["version"]!);
        var old = await StoredDefinition.ReadAsync(fixture.Server, id, "1");
        var publishedBefore = await StoredDefinition.ReadAsync(fixture.Server, id, "Published");
        var versions = await VersionsAsync(id);

        await using var context = await fixture.NewContextAsync();
        var page = await OpenEditorAsync(context, id, 3);
        var rows = await OpenVersionHistoryAsync(page);

        // The tab lists exactly the versions the API lists.
        await Assertions.Expect(rows).ToHaveCountAsync(versions.Count);
        foreach (var version in versions)
        {
            await Assertions.Expect(VersionRow(page, (int)version["version"]!)).ToHaveCountAsync(1);
        }

        // Clicking version 1 shows it read-only in the version viewer ("Version 1" in its toolbar) with its own caption.
        var opened = page.WaitForResponseAsync(r => Is(r, "GET", $"/workflow-definitions/by-id/{(string)v1["id"]!}"));
        await VersionRow(page, 1).Locator("td").Nth(2).ClickAsync();
        await opened;
        var editor = page.Locator("elsa-workflow-definition-editor");
        await Assertions.Expect(editor.GetByText("Version 1", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(editor.Locator("g.x6-node").GetByText("Versie een", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(editor.Locator("g.x6-node").GetByText("Versie twee", new() { Exact = true })).ToHaveCountAsync(0);

        // Rollback to version 1: a new latest version (3) with version 1's content; version 2 stays published.
        await ShowVersionHistoryAsync(page);
        var revert = page.WaitForResponseAsync(r => Is(r, "POST", $"/workflow-definitions/{id}/revert/1"));
        await RowMenuAsync(page, VersionRow(page, 1), "Rollback to this version");
        Assert.Equal(200, (await revert).Status);

        var latest = await StoredDefinition.ReadAsync(fixture.Server, id);
        Assert.Equal(3, (int)latest.Json["version"]!);
        Assert.True((bool)latest.Json["isLatest"]!);
        latest.AssertOnlyChanged(old, "Rollback to version 1");
        var publishedAfter = await StoredDefinition.ReadAsync(fixture.Server, id, "Published");
        Assert.Equal(2, (int)publishedAfter.Json["version"]!);
        Assert.Equal((string)v2["id"]!, (string)publishedAfter.Json["id"]!);
        publishedAfter.AssertOnlyChanged(publishedBefore, "Rollback to version 1 (published version)");
        Assert.Equal(3, (await VersionsAsync(id)).Count);
        await Assertions.Expect(rows).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task L6_VersionHistory_DeleteDraft_OnlyTheDraftGoes_PublishedVersionRemains()
    {
        var (id, name) = NewWorkflow("Delete");
        var v1 = await SaveAsync(Model(id, name, "Versie een", "Regel uit versie 1"), publish: true);
        var draft = await SaveAsync(Model(id, name, "Versie twee", "Regel uit versie 2"), publish: false);
        Assert.Equal(2, (int)draft["version"]!);
        var publishedBefore = await StoredDefinition.ReadAsync(fixture.Server, id, "Published");

        await using var context = await fixture.NewContextAsync();
        var page = await OpenEditorAsync(context, id, 3);
        var rows = await OpenVersionHistoryAsync(page);
        await Assertions.Expect(rows).ToHaveCountAsync(2);

        await RowMenuAsync(page, VersionRow(page, 2), "Delete");
        var deleted = page.WaitForResponseAsync(r => r.Request.Method == "DELETE" && r.Url.Contains((string)draft["id"]!, StringComparison.Ordinal));
        await ConfirmAsync(page, "OK");
        Assert.True((await deleted).Ok, "delete call failed");
        await Assertions.Expect(rows).ToHaveCountAsync(1);

        var versions = await VersionsAsync(id);
        Assert.Equal([1], versions.Select(v => (int)v["version"]!).ToArray());
        var latest = await StoredDefinition.ReadAsync(fixture.Server, id);
        Assert.Equal((string)v1["id"]!, (string)latest.Json["id"]!);
        Assert.True((bool)latest.Json["isPublished"]!);
        Assert.True((bool)latest.Json["isLatest"]!);
        latest.AssertOnlyChanged(publishedBefore, "Delete draft");
    }

    /// <summary>Opens the Version history tab of the workflow properties panel; answers its table rows.</summary>
    private static async Task<ILocator> OpenVersionHistoryAsync(IPage page)
    {
        var listed = page.WaitForResponseAsync(r => r.Url.Contains("versionOptions=AllVersions", StringComparison.Ordinal));
        await page.Locator("elsa-workflow-definition-editor .mud-tab").Filter(new() { HasTextString = "Version history" }).ClickAsync();
        await listed;
        return page.Locator("elsa-workflow-definition-editor .mud-table-body tr");
    }

    // The properties panel may re-render after another version is shown; select the tab again if its table is gone.
    private static async Task ShowVersionHistoryAsync(IPage page)
    {
        if (await page.Locator("elsa-workflow-definition-editor .mud-table-body tr").CountAsync() == 0)
        {
            await page.Locator("elsa-workflow-definition-editor .mud-tab").Filter(new() { HasTextString = "Version history" }).ClickAsync();
        }

        await Assertions.Expect(VersionRow(page, 1)).ToHaveCountAsync(1);
    }

    /// <summary>The row whose version cell is exactly <paramref name="version"/> (no other cell is a bare number).</summary>
    private static ILocator VersionRow(IPage page, int version) =>
        page.Locator("elsa-workflow-definition-editor .mud-table-body tr").Filter(new()
        {
            Has = page.Locator("td", new() { HasTextRegex = new Regex($"^\\s*{version}\\s*$") }),
        });
}
