using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Klachten.Studio.Tests.ProcessOwner;

/// <summary>
/// Workflows as activities, the group's representative (issue 19): a workflow published with "Usable as activity" is
/// in Studio's toolbox under its category; dropped into another workflow it is stored as the child's type pinned to
/// its published version, its declared input is filled in the property panel, and the parent published and run with
/// Studio's ▶ runs the child with that input.
/// </summary>
public sealed partial class ProcessOwnerEditingTests
{
    [Fact]
    public async Task PE9_WorkflowAsActivity_FromTheToolbox_InputFilled_PublishedAndRunInStudio()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (childId, childVersionId) = await PublishChildAsync($"Poakind{suffix}");
        var definitionId = await CreateDefinitionAsync("Poaouder " + suffix);
        await using var context = await fixture.NewContextAsync();
        var page = await OpenEditorAsync(context, definitionId, activities: 0);

        await OpenCategoryAsync(page, "Flow");
        var start = await DropAndReadBackAsync(page, definitionId, "Start", "Elsa.Start", 0, 0);
        await OpenCategoryAsync(page, "Klachten-subprocessen");
        var child = await DropAndReadBackAsync(page, definitionId, $"Poakind{suffix}", $"Poakind{suffix}", 280, 0);
        var dropped = (await ReadAsync(definitionId)).Activity(child);
        Assert.Equal((childId, childVersionId), ((string?)dropped["workflowDefinitionId"], (string?)dropped["workflowDefinitionVersionId"]));
        await ConnectAsync(page, definitionId, "Start1", $"Poakind{suffix}1", $"{start}:Done->{child}:In");
        await SelectAsync(page, $"Poakind{suffix}1");
        var built = await EditAndReadBackAsync(page, definitionId, child, "naam", "Literal", "Karin", () => TypeAndLeaveAsync(Field(page, "Naam van de klager").Locator("input"), "Karin"));

        var published = NextSaveAsync(page, _ => true, publish: true);
        await PublishButton(page).ClickAsync();
        Assert.Equal(200, (await published).Status);
        var v1 = await ReadAsync(definitionId, "Published");
        v1.AssertOnlyChanged(built, "Publishing the parent");

        var run = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.EndsWith($"/workflow-definitions/{definitionId}/execute", StringComparison.Ordinal));
        await page.Locator("elsa-workflow-definition-editor button:has(path[d='M8 5v14l11-7z'])").First.ClickAsync();
        var started = await run;
        Assert.Equal(200, started.Status);
        var instanceId = (await started.HeaderValueAsync("x-elsa-workflow-instance-id"))!;
        await Assertions.Expect(page.Locator("elsa-workflow-instance-viewer").Locator("g.x6-node")).ToHaveCountAsync(2, new() { Timeout = Boot });
        await page.ScreenshotAsync(new() { Path = Screenshot("workflow-as-activity-instance.png") });
        var instance = await fixture.Server.GetJsonAsync(Owner, $"/elsa/api/workflow-instances/{instanceId}");
        Assert.Equal(("Finished", "Finished"), ((string?)instance["status"], (string?)instance["subStatus"]));
        Assert.Equal(["Klacht van Karin ontvangen"], await WrittenLinesAsync(instanceId));

        // Out of the toolbox again for the tests after this one (a published definition cannot be deleted).
        using var client = fixture.Server.As(Owner);
        using var retracted = await client.PostAsync($"/elsa/api/workflow-definitions/{childId}/retract", null);
        Assert.True(retracted.IsSuccessStatusCode, $"retract: {(int)retracted.StatusCode}");
    }

    /// <summary>Setup through the API: a child workflow with one input, usable as an activity in its own category.</summary>
    private async Task<(string Id, string VersionId)> PublishChildAsync(string name)
    {
        var definitionId = "poakind-" + Guid.NewGuid().ToString("N")[..8];
        _created.Add(definitionId);
        var model = new JsonObject
        {
            ["definitionId"] = definitionId,
            ["name"] = name,
            ["inputs"] = new JsonArray { new JsonObject { ["type"] = "String", ["name"] = "Naam", ["displayName"] = "Naam van de klager", ["uiHint"] = "singleline" } },
            ["options"] = new JsonObject { ["usableAsActivity"] = true, ["activityCategory"] = "Klachten-subprocessen" },
            ["root"] = new JsonObject
            {
                ["id"] = "flowchart1", ["type"] = "Elsa.Flowchart", ["version"] = 1, ["name"] = "Flowchart1",
                ["activities"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["id"] = "schrijf", ["type"] = "Elsa.WriteLine", ["version"] = 1, ["name"] = "WriteLine1",
                        ["text"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "'Klacht van ' + getInput('Naam') + ' ontvangen'" } },
                    },
                },
                ["connections"] = new JsonArray(),
            },
        };
        using var client = fixture.Server.As(Owner);
        var body = new JsonObject { ["model"] = model, ["publish"] = true };
        using var response = await client.PostAsync("/elsa/api/workflow-definitions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"setup {name}: {(int)response.StatusCode} {text}");
        return (definitionId, (string)JsonNode.Parse(text)!["workflowDefinition"]!["id"]!);
    }
}
