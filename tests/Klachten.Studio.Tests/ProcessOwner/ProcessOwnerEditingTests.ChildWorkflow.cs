using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Klachten.Studio.Tests.ProcessOwner;

/// <summary>
/// Workflows that start workflows, the group's representative (issue 19): ExecuteWorkflow dropped in Studio, its
/// workflow chosen in Studio's definition picker and "Wachten tot klaar" ticked, each stored as chosen; published and
/// run with ▶, the parent finishes after the child it started, and the child names the parent.
/// </summary>
public sealed partial class ProcessOwnerEditingTests
{
    [Fact]
    public async Task PE11_ExecuteWorkflow_PickerAndWait_PublishedAndRunInStudio_ChildRunsForItsParent()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var childName = "Poadeel" + suffix;
        var (childId, _) = await PublishChildAsync(childName);
        var definitionId = await CreateDefinitionAsync("Poastarter " + suffix);
        await using var context = await fixture.NewContextAsync();
        var page = await OpenEditorAsync(context, definitionId, activities: 0);

        await OpenCategoryAsync(page, "Flow");
        var start = await DropAndReadBackAsync(page, definitionId, "Start", "Elsa.Start", 0, 0);
        await OpenCategoryAsync(page, "Composition");
        var execute = await DropAndReadBackAsync(page, definitionId, "Workflow uitvoeren", "Elsa.ExecuteWorkflow", 280, 0);
        await ConnectAsync(page, definitionId, "Start1", "ExecuteWorkflow1", $"{start}:Done->{execute}:In");
        await SelectAsync(page, "ExecuteWorkflow1");
        await EditAndReadBackAsync(page, definitionId, execute, "workflowDefinitionId", "Literal", childId, () => ChooseAsync(page, "Workflow", childName));

        var before = await ReadAsync(definitionId);
        var ticked = NextSaveAsync(page, m => string.Equals(Input(PostedActivities(m).FirstOrDefault(a => (string?)a!["id"] == execute), "waitForCompletion").Value, "true", StringComparison.OrdinalIgnoreCase));
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Wachten tot klaar" }).SetCheckedAsync(true);
        Assert.Equal(200, (await ticked).Status);
        var built = await ReadAsync(definitionId);
        built.AssertOnlyChanged(before, "Ticking 'Wachten tot klaar'", $"root.activities[{execute}].waitForCompletion");

        var published = NextSaveAsync(page, _ => true, publish: true);
        await PublishButton(page).ClickAsync();
        Assert.Equal(200, (await published).Status);
        (await ReadAsync(definitionId, "Published")).AssertOnlyChanged(built, "Publishing the parent");

        var run = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.EndsWith($"/workflow-definitions/{definitionId}/execute", StringComparison.Ordinal));
        await page.Locator("elsa-workflow-definition-editor button:has(path[d='M8 5v14l11-7z'])").First.ClickAsync();
        var started = await run;
        Assert.Equal(200, started.Status);
        var parentId = (await started.HeaderValueAsync("x-elsa-workflow-instance-id"))!;
        var parent = await fixture.Server.GetJsonAsync(Owner, $"/elsa/api/workflow-instances/{parentId}");
        Assert.Equal(("Finished", "Finished"), ((string?)parent["status"], (string?)parent["subStatus"]));

        using var client = fixture.Server.As(Owner);
        using var list = await client.PostAsync("/elsa/api/workflow-instances", new StringContent(new JsonObject { ["definitionId"] = childId }.ToJsonString(), Encoding.UTF8, "application/json"));
        var childInstance = Assert.Single(JsonNode.Parse(await list.Content.ReadAsStringAsync())!["items"]!.AsArray())!;
        var child = await fixture.Server.GetJsonAsync(Owner, $"/elsa/api/workflow-instances/{(string)childInstance["id"]!}");
        Assert.Equal(("Finished", parentId), ((string?)child["subStatus"], (string?)child["parentWorkflowInstanceId"]));
        Assert.StartsWith("Klacht van ", Assert.Single(await WrittenLinesAsync((string)childInstance["id"]!)), StringComparison.Ordinal);

        using var retracted = await client.PostAsync($"/elsa/api/workflow-definitions/{childId}/retract", null);
        Assert.True(retracted.IsSuccessStatusCode, $"retract: {(int)retracted.StatusCode}");
    }
}
