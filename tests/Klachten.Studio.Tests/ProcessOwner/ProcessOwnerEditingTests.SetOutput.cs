using System.Text.Json.Nodes;

namespace Klachten.Studio.Tests.ProcessOwner;

/// <summary>
/// Composition's representative, SetOutput: Studio's output picker offers the definition's outputs; the chosen output
/// and a JavaScript value are stored as picked and typed, and a run of the published version carries the output.
/// </summary>
public sealed partial class ProcessOwnerEditingTests
{
    [Fact]
    public async Task PE7_SetOutput_OutputPickerAndValue_StoredPublishedAndRunGivesTheOutput()
    {
        var definitionId = await CreateDefinitionAsync("Poauitvoer " + Guid.NewGuid().ToString("N")[..8]);
        await SetupOutputAsync(definitionId, "Resultaat");
        await using var context = await fixture.NewContextAsync();
        var page = await OpenEditorAsync(context, definitionId, activities: 0);

        await OpenCategoryAsync(page, "Flow");
        var start = await DropAndReadBackAsync(page, definitionId, "Start", "Elsa.Start", 0, 0);
        await OpenCategoryAsync(page, "Composition");
        var set = await DropAndReadBackAsync(page, definitionId, "Uitvoer zetten", "Elsa.SetOutput", 280, 0);
        await ConnectAsync(page, definitionId, "Start1", "SetOutput1", $"{start}:Done->{set}:In");
        await SelectAsync(page, "SetOutput1");
        await EditAndReadBackAsync(page, definitionId, set, "outputName", "Literal", "Resultaat", () => ChooseAsync(page, "Uitvoer", "Resultaat"));
        var built = await EditAndReadBackAsync(page, definitionId, set, "outputValue", "JavaScript", "\"Klaar\"", () => TypeExpressionAsync(page, "Waarde", "JavaScript", "\"Klaar\""));
        await page.ScreenshotAsync(new() { Path = Screenshot("composites-setoutput.png") });

        var published = NextSaveAsync(page, _ => true, publish: true);
        await PublishButton(page).ClickAsync();
        Assert.Equal(200, (await published).Status);
        var v1 = await ReadAsync(definitionId, "Published");
        v1.AssertOnlyChanged(built, "Publishing SetOutput");

        using var client = fixture.Server.As(Owner);
        using var response = await client.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/execute", null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"execute: {(int)response.StatusCode} {text}");
        var state = JsonNode.Parse(text)!["workflowState"]!;
        Assert.Equal(("Finished", "Finished"), ((string?)state["status"], (string?)state["subStatus"]));
        Assert.Equal("""{"Resultaat":"Klaar"}""", state["output"]!.ToJsonString());
    }

    /// <summary>Setup through the API: a workflow output, which Studio's output picker lists.</summary>
    private async Task SetupOutputAsync(string definitionId, string name)
    {
        var model = (await ReadAsync(definitionId)).Json;
        model["outputs"] = new JsonArray { new JsonObject { ["type"] = "String", ["name"] = name, ["displayName"] = name, ["description"] = "", ["category"] = "", ["isArray"] = false } };
        using var client = fixture.Server.As(Owner);
        var body = new JsonObject { ["model"] = model.DeepClone(), ["publish"] = false };
        using var response = await client.PostAsync("/elsa/api/workflow-definitions", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"setup output: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
