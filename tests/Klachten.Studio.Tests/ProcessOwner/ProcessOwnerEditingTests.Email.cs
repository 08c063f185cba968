using Microsoft.Playwright;

namespace Klachten.Studio.Tests.ProcessOwner;

/// <summary>
/// Integrations, the group's representative (issue 19): SendEmail dropped in Studio, its recipient, subject and text
/// filled in the property panel (each stored as typed, nothing else); published and run with ▶, the instance finishes
/// with the e-mail handed to the notification service.
/// </summary>
public sealed partial class ProcessOwnerEditingTests
{
    [Fact]
    public async Task PE12_SendEmail_RecipientSubjectText_PublishedAndRunInStudio()
    {
        var definitionId = await CreateDefinitionAsync("Poamail " + Guid.NewGuid().ToString("N")[..6]);
        await using var context = await fixture.NewContextAsync();
        var page = await OpenEditorAsync(context, definitionId, activities: 0);

        await OpenCategoryAsync(page, "Flow");
        var start = await DropAndReadBackAsync(page, definitionId, "Start", "Elsa.Start", 0, 0);
        await OpenCategoryAsync(page, "Email");
        var email = await DropAndReadBackAsync(page, definitionId, "E-mail versturen", "Elsa.SendEmail", 280, 0);
        await ConnectAsync(page, definitionId, "Start1", "SendEmail1", $"{start}:Done->{email}:In");
        await SelectAsync(page, "SendEmail1");
        await EditAndReadBackAsync(page, definitionId, email, "to", "Object", """["klager@example.nl"]""", () => AddChipAsync(page, "Aan", "klager@example.nl"));
        await EditAndReadBackAsync(page, definitionId, email, "subject", "Literal", "Uw klacht", () => TypeAndLeaveAsync(Field(page, "Onderwerp").Locator("input"), "Uw klacht"));
        var built = await EditAndReadBackAsync(page, definitionId, email, "body", "Literal", "Wij hebben uw klacht ontvangen.",
            () => TypeAndLeaveAsync(Field(page, "Tekst").Locator("textarea").First, "Wij hebben uw klacht ontvangen."));

        var published = NextSaveAsync(page, _ => true, publish: true);
        await PublishButton(page).ClickAsync();
        Assert.Equal(200, (await published).Status);
        (await ReadAsync(definitionId, "Published")).AssertOnlyChanged(built, "Publishing SendEmail");

        var run = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.EndsWith($"/workflow-definitions/{definitionId}/execute", StringComparison.Ordinal));
        await page.Locator("elsa-workflow-definition-editor button:has(path[d='M8 5v14l11-7z'])").First.ClickAsync();
        var started = await run;
        Assert.Equal(200, started.Status);
        var instanceId = (await started.HeaderValueAsync("x-elsa-workflow-instance-id"))!;
        var instance = await fixture.Server.GetJsonAsync(Owner, $"/elsa/api/workflow-instances/{instanceId}");
        Assert.Equal(("Finished", "Finished"), ((string?)instance["status"], (string?)instance["subStatus"]));
        await Assertions.Expect(page.Locator("elsa-workflow-instance-viewer").Locator("g.x6-node")).ToHaveCountAsync(2, new() { Timeout = Boot });
    }
}
