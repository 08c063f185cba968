using Microsoft.Playwright;

namespace Klachten.Studio.Tests.ProcessOwner;

/// <summary>
/// Every browsable activity of the descriptor endpoint dropped from the toolbox: each is stored with its type, nothing
/// else changes, and the property panel shows every input the descriptor lists (so no input editor Studio picks from
/// our ui hints breaks; a component exception fails the class through <see cref="BrokenInBrowser"/>).
/// </summary>
public sealed partial class ProcessOwnerEditingTests
{
    [Fact]
    public async Task PE8_EveryBrowsableActivity_DropsAndShowsItsInputsInThePropertyPanel()
    {
        var definitionId = await CreateDefinitionAsync("Poaalles " + Guid.NewGuid().ToString("N")[..8]);
        var descriptors = (await fixture.Server.GetJsonAsync(Owner, "/elsa/api/descriptors/activities"))["items"]!.AsArray()
            .Where(d => (bool)d!["isBrowsable"]!).ToList();
        await using var context = await fixture.NewContextAsync();
        var page = await OpenEditorAsync(context, definitionId, activities: 0);

        for (var i = 0; i < descriptors.Count; i++)
        {
            var descriptor = descriptors[i]!;
            var label = (string)descriptor["displayName"]!;
            await OpenCategoryAsync(page, (string)descriptor["category"]!);
            await DropAndReadBackAsync(page, definitionId, label, (string)descriptor["typeName"]!, (i % 5 * 170) - 120, (i / 5 * 70) - 90);

            // The dropped node is selected: the INPUT tab lists each of its inputs by display name.
            var browsable = descriptor["inputs"]!.AsArray().Where(input => (bool)input!["isBrowsable"]!).ToList();
            var inputs = browsable.Where(input => !IsCasesEditor(input)).Select(input => (string)input!["displayName"]!).ToList();
            if (inputs.Count == 0)
            {
                await Assertions.Expect(page.GetByText("This activity does not have any input properties.").Filter(new() { Visible = true })).ToHaveCountAsync(1);
            }

            // Studio's switch editors draw an unlabelled cases table with an "Add case" button.
            if (browsable.Any(IsCasesEditor))
            {
                await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add case" })).ToBeVisibleAsync();
            }

            foreach (var input in inputs)
            {
                try
                {
                    // Studio's date-time picker labels itself "<name> (Date)".
                    var text = new System.Text.RegularExpressions.Regex($"^\\s*{System.Text.RegularExpressions.Regex.Escape(input)}( \\(Date\\))?\\s*$");
                    await Assertions.Expect(page.GetByText(text).Filter(new() { Visible = true }).First).ToBeVisibleAsync();
                }
                catch (PlaywrightException)
                {
                    await page.ScreenshotAsync(new() { Path = Screenshot($"every-missing-{descriptor["typeName"]}.png") });
                    throw;
                }
            }

            output.WriteLine($"{descriptor["typeName"]} ({label}): {string.Join(", ", inputs)}");
        }

        await page.ScreenshotAsync(new() { Path = Screenshot("every-activity.png") });
    }

    private static bool IsCasesEditor(System.Text.Json.Nodes.JsonNode? input) => (string?)input?["uiHint"] is "switch-editor" or "flow-switch-editor";
}
