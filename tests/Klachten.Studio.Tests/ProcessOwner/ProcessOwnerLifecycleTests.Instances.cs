using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Klachten.Studio.Tests.ProcessOwner;

/// <summary>Run from the editor, open an instance from the list, cancel an instance.</summary>
public sealed partial class ProcessOwnerLifecycleTests
{
    [Fact]
    public async Task L1_RunButton_RunsTheLatestDraft_LandsOnItsInstanceViewer_DefinitionUnchanged()
    {
        var (id, name) = NewWorkflow("Run");
        var v1 = await SaveAsync(Model(id, name, "Versie een", "Regel uit versie 1"), publish: true);
        // The latest version is an unpublished draft: Studio's ▶ runs the designer's version (versionOptions Latest).
        var draft = await SaveAsync(Model(id, name, "Versie twee", "Regel uit versie 2"), publish: false);
        Assert.Equal(2, (int)draft["version"]!);
        var latestBefore = await StoredDefinition.ReadAsync(fixture.Server, id);
        var publishedBefore = await StoredDefinition.ReadAsync(fixture.Server, id, "Published");

        await using var context = await fixture.NewContextAsync();
        var page = await OpenEditorAsync(context, id, 3);
        var instanceId = await RunFromEditorAsync(page, id);
        var viewer = page.Locator("elsa-workflow-instance-viewer");
        await Assertions.Expect(viewer.Locator("g.x6-node")).ToHaveCountAsync(3, new() { Timeout = Boot });
        await Assertions.Expect(viewer.Locator("g.x6-node").GetByText("Versie twee", new() { Exact = true })).ToBeVisibleAsync();

        var instance = await InstanceAsync(instanceId);
        Assert.Equal(id, (string)instance["definitionId"]!);
        Assert.Equal(2, (int)instance["version"]!);
        Assert.Equal((string)draft["id"]!, (string)instance["definitionVersionId"]!);
        Assert.Equal("Finished", (string)instance["status"]!);
        Assert.Equal("Finished", (string)instance["subStatus"]!);

        // Running changes no definition: the draft stays the latest draft, version 1 stays published.
        var latestAfter = await StoredDefinition.ReadAsync(fixture.Server, id);
        latestAfter.AssertOnlyChanged(latestBefore, "Run");
        Assert.Equal((string)draft["id"]!, (string)latestAfter.Json["id"]!);
        Assert.False((bool)latestAfter.Json["isPublished"]!);
        var publishedAfter = await StoredDefinition.ReadAsync(fixture.Server, id, "Published");
        publishedAfter.AssertOnlyChanged(publishedBefore, "Run");
        Assert.Equal((string)v1["id"]!, (string)publishedAfter.Json["id"]!);
        Assert.Equal(2, (await VersionsAsync(id)).Count);
    }

    [Fact]
    public async Task L1b_RunButton_PublishedLatest_RunsThatVersion_NoNewVersion()
    {
        var (id, name) = NewWorkflow("RunPublished");
        var v1 = await SaveAsync(Model(id, name, "Versie een", "Regel uit versie 1"), publish: true);
        var before = await StoredDefinition.ReadAsync(fixture.Server, id);

        await using var context = await fixture.NewContextAsync();
        var page = await OpenEditorAsync(context, id, 3);
        var instanceId = await RunFromEditorAsync(page, id);
        await Assertions.Expect(page.Locator("elsa-workflow-instance-viewer g.x6-node")).ToHaveCountAsync(3, new() { Timeout = Boot });

        var instance = await InstanceAsync(instanceId);
        Assert.Equal(id, (string)instance["definitionId"]!);
        Assert.Equal(1, (int)instance["version"]!);
        Assert.Equal((string)v1["id"]!, (string)instance["definitionVersionId"]!);
        var after = await StoredDefinition.ReadAsync(fixture.Server, id);
        after.AssertOnlyChanged(before, "Run (published latest)");
        Assert.True((bool)after.Json["isPublished"]!);
        Assert.Single(await VersionsAsync(id));
    }

    [Fact]
    public async Task L2_InstanceList_ClickNewInstance_ViewerOpens_ClickedActivityShowsItsState()
    {
        var (id, name) = NewWorkflow("Open");
        await SaveAsync(Model(id, name, "Schrijf regel", "Regel voor het paneel"), publish: true);
        var instanceId = await ExecuteAsync(id);
        var before = await InstanceAsync(instanceId);

        await using var context = await fixture.NewContextAsync();
        var page = await NewPageAsync(context);
        var row = await InstanceRowAsync(page, instanceId);
        // The first cell is the selection checkbox; a click on the id cell opens the instance.
        await row.GetByText(instanceId, new() { Exact = true }).ClickAsync();

        await page.WaitForURLAsync($"**/studio/workflows/instances/{instanceId}/view", new() { Timeout = Boot });
        var viewer = page.Locator("elsa-workflow-instance-viewer");
        await Assertions.Expect(viewer.Locator("g.x6-node")).ToHaveCountAsync(3, new() { Timeout = Boot });

        // Clicking the WriteLine node selects it; the side panel then shows the state of its last execution: the
        // evaluated input Text.
        var executions = page.WaitForResponseAsync(r => r.Url.Contains("/elsa/api/activity-execution", StringComparison.Ordinal) && r.Url.Contains("write", StringComparison.Ordinal));
        await viewer.Locator("g.x6-node").Filter(new() { HasTextString = "Schrijf regel" }).ClickAsync();
        await executions;
        await Assertions.Expect(viewer.GetByText("State", new() { Exact = true }).First).ToBeVisibleAsync();
        await Assertions.Expect(viewer.GetByText("Regel voor het paneel", new() { Exact = true }).First).ToBeVisibleAsync();

        // Looking changes nothing.
        var after = await InstanceAsync(instanceId);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Fact]
    public async Task L7_InstanceList_CancelRunningInstance_OnlyThatInstanceIsCancelled()
    {
        var (id, name) = NewWorkflow("Cancel");
        await SaveAsync(Model(id, name, "Schrijf regel", "Wacht op de taak", withTask: true), publish: true);
        var other = await ExecuteAsync(id);
        var target = await ExecuteAsync(id);
        var before = await InstanceAsync(target);
        Assert.Equal("Running", (string)before["status"]!);
        Assert.NotEmpty(before["workflowState"]!["bookmarks"]!.AsArray());
        var otherBefore = await InstanceAsync(other);
        var definitionBefore = await StoredDefinition.ReadAsync(fixture.Server, id);

        await using var context = await fixture.NewContextAsync();
        var page = await NewPageAsync(context);
        var row = await InstanceRowAsync(page, target);
        await RowMenuAsync(page, row, "Cancel");
        var cancel = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.Contains(target, StringComparison.Ordinal) && r.Url.Contains("cancel", StringComparison.Ordinal));
        await ConfirmAsync(page, "Yes");
        Assert.True((await cancel).Ok, "cancel call failed");

        var after = await InstanceAsync(target);
        Assert.Equal("Finished", (string)after["status"]!);
        Assert.Equal("Cancelled", (string)after["subStatus"]!);
        // Nothing waits any more: the task's bookmark went with the cancellation.
        Assert.Empty(after["workflowState"]!["bookmarks"]!.AsArray());
        foreach (var field in new[] { "id", "definitionId", "definitionVersionId", "version", "name", "correlationId", "createdAt", "incidentCount" })
        {
            Assert.True(JsonNode.DeepEquals(before[field], after[field]), $"cancel changed {field}: {before[field]} → {after[field]}");
        }

        // The other instance of the same workflow keeps running, untouched; the definition is unchanged.
        var otherAfter = await InstanceAsync(other);
        Assert.Equal(otherBefore.ToJsonString(), otherAfter.ToJsonString());
        (await StoredDefinition.ReadAsync(fixture.Server, id)).AssertOnlyChanged(definitionBefore, "Cancel");
        await Assertions.Expect(row.GetByText("Cancelled").First).ToBeVisibleAsync();
    }

    /// <summary>Clicks the editor's ▶ (Run workflow) and waits until the browser is on the new instance's viewer.</summary>
    private static async Task<string> RunFromEditorAsync(IPage page, string definitionId)
    {
        var run = page.WaitForResponseAsync(r => Is(r, "POST", $"/workflow-definitions/{definitionId}/execute"));
        await page.Locator("elsa-workflow-definition-editor button:has(path[d='M8 5v14l11-7z'])").First.ClickAsync();
        Assert.Equal(200, (await run).Status);
        await page.WaitForURLAsync(ViewerUrl, new() { Timeout = Boot });
        return ViewerUrl.Match(new Uri(page.Url).AbsolutePath).Groups["id"].Value;
    }
}
