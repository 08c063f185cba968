using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Klachten.Studio.Tests.ProcessOwner;

/// <summary>
/// Triggers, the group's representative (issue 19): an Event dropped in Studio is marked "Trigger workflow" (Studio's
/// default for triggers), named in the property panel; the Common tab's box stores exactly <c>canStartWorkflow</c>
/// each way. Published with Studio's button, the event (as an integration sends it) starts exactly one instance.
/// </summary>
public sealed partial class ProcessOwnerEditingTests
{
    [Fact]
    public async Task PE10_EventTrigger_TriggerWorkflowBoxTicked_PublishedInStudio_TheEventStartsOneInstance()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var eventName = "klacht-binnen-" + suffix;
        var definitionId = await CreateDefinitionAsync("Poagebeurtenis " + suffix);
        await using var context = await fixture.NewContextAsync();
        var page = await OpenEditorAsync(context, definitionId, activities: 0);

        await OpenCategoryAsync(page, "Primitives");
        var trigger = await DropAndReadBackAsync(page, definitionId, "Gebeurtenis", "Elsa.Event", 0, 0);
        var line = await DropAndReadBackAsync(page, definitionId, "Schrijf regel", "Elsa.WriteLine", 280, 0);
        await ConnectAsync(page, definitionId, "Event1", "WriteLine1", $"{trigger}:Done->{line}:In");
        await SelectAsync(page, "Event1");
        await EditAndReadBackAsync(page, definitionId, trigger, "eventName", "Literal", eventName, () => TypeAndLeaveAsync(Field(page, "Naam van de gebeurtenis").Locator("input"), eventName));

        // Studio marks a dropped trigger "Trigger workflow" by default, as Elsa's designer does; the box shows it, and
        // unticking and ticking it again each store exactly that flag.
        Assert.True((bool?)(await ReadAsync(definitionId)).Activity(trigger)["customProperties"]!["canStartWorkflow"]);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Common", Exact = true }).ClickAsync();
        var box = page.GetByRole(AriaRole.Checkbox, new() { Name = "Trigger workflow" });
        await Assertions.Expect(box).ToBeCheckedAsync();
        await SetTriggerAsync(page, definitionId, trigger, box, false);
        await SetTriggerAsync(page, definitionId, trigger, box, true);

        await SelectAsync(page, "WriteLine1");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Input", Exact = true }).ClickAsync();
        var built = await EditAndReadBackAsync(page, definitionId, line, "text", "Literal", "Gebeurtenis ontvangen", () => TypeAndLeaveAsync(Field(page, "Tekst").Locator("input"), "Gebeurtenis ontvangen"));
        var published = NextSaveAsync(page, _ => true, publish: true);
        await PublishButton(page).ClickAsync();
        Assert.Equal(200, (await published).Status);
        (await ReadAsync(definitionId, "Published")).AssertOnlyChanged(built, "Publishing the event trigger");

        using var client = fixture.Server.As(Owner);
        using var sent = await client.PostAsync($"/elsa/api/events/{eventName}/trigger", new StringContent("{}", Encoding.UTF8, "application/json"));
        var answer = await sent.Content.ReadAsStringAsync();
        Assert.True(sent.IsSuccessStatusCode, $"trigger: {(int)sent.StatusCode} {answer}");
        Assert.Equal(1, (int)JsonNode.Parse(answer)!["startedCount"]!);
        using var list = await client.PostAsync("/elsa/api/workflow-instances", new StringContent(new JsonObject { ["definitionId"] = definitionId }.ToJsonString(), Encoding.UTF8, "application/json"));
        var instance = Assert.Single(JsonNode.Parse(await list.Content.ReadAsStringAsync())!["items"]!.AsArray())!;
        Assert.Equal("Finished", (string?)instance["subStatus"]);
        Assert.Equal(["Gebeurtenis ontvangen"], await WrittenLinesAsync((string)instance["id"]!));
    }

    private async Task SetTriggerAsync(IPage page, string definitionId, string trigger, ILocator box, bool value)
    {
        var before = await ReadAsync(definitionId);
        var saved = NextSaveAsync(page, m => PostedActivities(m).Any(a => (string?)a!["id"] == trigger && (bool?)a["customProperties"]?["canStartWorkflow"] == value));
        await box.SetCheckedAsync(value);
        Assert.Equal(200, (await saved).Status);
        var after = await ReadAsync(definitionId);
        after.AssertOnlyChanged(before, $"Setting 'Trigger workflow' to {value}", $"root.activities[{trigger}].customProperties.canStartWorkflow");
        Assert.Equal(value, (bool?)after.Activity(trigger)["customProperties"]!["canStartWorkflow"]);
    }
}
