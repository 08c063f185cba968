using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Klachten.Studio.Tests.ProcessOwner;

/// <summary>
/// Every Klachten activity dropped from the toolbox and every input kind Studio offers for them edited in the property
/// panel: text, multiline, number, dropdown, the outcomes list, multitext, JavaScript and Liquid (through an input's ⋮
/// syntax menu and Monaco), and a workflow variable. After each action the stored draft is read back: exactly that
/// input changed and nothing else.
/// </summary>
public sealed partial class ProcessOwnerEditingTests
{
    private static readonly string[] KlachtenToolbox = ["Brief versturen", "Status klacht", "Taak", "Termijn"];

    [Fact]
    public async Task PE3_Taak_EveryInputKind_EachEditStoredAndNothingElse()
    {
        var definitionId = await CreateDefinitionAsync("Poataak " + Guid.NewGuid().ToString("N")[..8]);
        await using var context = await fixture.NewContextAsync();
        var page = await OpenEditorAsync(context, definitionId, activities: 0);
        await OpenKlachtenToolboxAsync(page);

        var task = await DropAndReadBackAsync(page, definitionId, "Taak", "Klachten.HumanTask", 0, 0);
        await EditAndReadBackAsync(page, definitionId, task, "title", "Literal", "Beoordeel de klacht",
            () => TypeAndLeaveAsync(Field(page, "Titel").Locator("input"), "Beoordeel de klacht"));
        await EditAndReadBackAsync(page, definitionId, task, "role", "Literal", "directeur", () => ChooseAsync(page, "Rol", "Directeur"));
        await EditAndReadBackAsync(page, definitionId, task, "dueAmount", "Literal", "5",
            () => TypeAndLeaveAsync(Field(page, "Termijn (aantal)").Locator("input"), "5"));
        await EditAndReadBackAsync(page, definitionId, task, "dueUnit", "Literal", "WorkingDays", () => ChooseAsync(page, "Termijn (eenheid)", "Werkdagen"));

        // The outcomes list: each value typed and confirmed with Enter becomes an outlet of the node.
        await EditAndReadBackAsync(page, definitionId, task, "outcomes", "Object", """["Gegrond"]""", () => AddChipAsync(page, "Uitkomsten", "Gegrond"));
        var stored = await EditAndReadBackAsync(page, definitionId, task, "outcomes", "Object", """["Gegrond","Ongegrond"]""", () => AddChipAsync(page, "Uitkomsten", "Ongegrond"));
        var node = Node(page, (string)stored.Activity(task)["name"]!);
        await Assertions.Expect(node.Locator("[port='Gegrond']")).ToHaveCountAsync(1);
        await Assertions.Expect(node.Locator("[port='Ongegrond']")).ToHaveCountAsync(1);
        await Assertions.Expect(node.Locator("[port='Done']")).ToHaveCountAsync(0);

        await EditAndReadBackAsync(page, definitionId, task, "description", "Liquid", "Klacht {{ Variables.Nummer }}",
            () => TypeExpressionAsync(page, "Omschrijving", "Liquid", "Klacht {{ Variables.Nummer }}"));
        var final = await EditAndReadBackAsync(page, definitionId, task, "assignee", "JavaScript", "\"jan\" + \"ssen\"",
            () => TypeExpressionAsync(page, "Toegewezen aan", "JavaScript", "\"jan\" + \"ssen\""));
        await page.ScreenshotAsync(new() { Path = Screenshot("taak-inputs.png") });

        // Reopened, the editor shows every stored value in the same kind of editor, and opening it saves nothing.
        await page.ReloadAsync();
        await Assertions.Expect(node.Locator("foreignObject")).ToBeVisibleAsync(new() { Timeout = Boot });
        await node.Locator("foreignObject").ClickAsync();
        await Assertions.Expect(Field(page, "Titel").Locator("input")).ToHaveValueAsync("Beoordeel de klacht");
        await Assertions.Expect(Field(page, "Rol")).ToContainTextAsync("Directeur");
        await Assertions.Expect(Field(page, "Termijn (aantal)").Locator("input")).ToHaveValueAsync("5");
        await Assertions.Expect(Field(page, "Termijn (eenheid)")).ToContainTextAsync("Werkdagen");
        await Assertions.Expect(Field(page, "Uitkomsten").Locator(".mud-chip-content")).ToHaveTextAsync(["Gegrond", "Ongegrond"]);
        await Assertions.Expect(InputRow(page, "Omschrijving").Locator(".monaco-editor .view-lines")).ToHaveTextAsync("Klacht {{ Variables.Nummer }}");
        await Assertions.Expect(InputRow(page, "Omschrijving").GetByRole(AriaRole.Button, new() { Name = "Liquid" })).ToBeVisibleAsync();
        await Assertions.Expect(InputRow(page, "Toegewezen aan").Locator(".monaco-editor .view-lines")).ToHaveTextAsync("\"jan\" + \"ssen\"");
        await Assertions.Expect(InputRow(page, "Toegewezen aan").GetByRole(AriaRole.Button, new() { Name = "JavaScript" })).ToBeVisibleAsync();
        (await ReadAsync(definitionId)).AssertOnlyChanged(final, "Reopening the editor");
    }

    [Fact]
    public async Task PE4_TermijnStatusBrief_AndVariable_EachEditStoredAndNothingElse()
    {
        var definitionId = await CreateDefinitionAsync("Poaactiviteiten " + Guid.NewGuid().ToString("N")[..8]);
        await using var context = await fixture.NewContextAsync();
        var page = await OpenEditorAsync(context, definitionId, activities: 0);
        await OpenKlachtenToolboxAsync(page);

        var term = await DropAndReadBackAsync(page, definitionId, "Termijn", "Klachten.Term", 0, 0);
        await EditAndReadBackAsync(page, definitionId, term, "amount", "Literal", "10", () => TypeAndLeaveAsync(Field(page, "Aantal").Locator("input"), "10"));
        await EditAndReadBackAsync(page, definitionId, term, "unit", "Literal", "CalendarDays", () => ChooseAsync(page, "Eenheid", "Kalenderdagen"));

        var status = await DropAndReadBackAsync(page, definitionId, "Status klacht", "Klachten.SetComplaintStatus", 320, 0);
        await EditAndReadBackAsync(page, definitionId, status, "status", "Literal", "WithCommittee", () => ChooseAsync(page, "Status", "Bij de Klachtencommissie"));
        await EditAndReadBackAsync(page, definitionId, status, "note", "Literal", "Doorgestuurd naar de commissie",
            () => TypeAndLeaveAsync(Field(page, "Toelichting").Locator("input"), "Doorgestuurd naar de commissie"));

        var letter = await DropAndReadBackAsync(page, definitionId, "Brief versturen", "Klachten.SendLetter", 0, 160);
        await EditAndReadBackAsync(page, definitionId, letter, "letterKind", "Literal", "Ontvangstbevestiging",
            () => TypeAndLeaveAsync(Field(page, "Soort brief").Locator("input"), "Ontvangstbevestiging"));
        await EditAndReadBackAsync(page, definitionId, letter, "recipients", "Object", """["klager"]""", () => AddChipAsync(page, "Ontvangers", "klager"));
        await EditAndReadBackAsync(page, definitionId, letter, "copyTo", "Object", """["directeur"]""", () => AddChipAsync(page, "Kopie aan", "directeur"));

        // A workflow variable through the Variables tab.
        var before = await ReadAsync(definitionId);
        // Every save is collected (not one Playwright waiter): a run once saw the variable posted and answered 200 while
        // a waiter for it timed out, so a missing save now reports what was posted instead.
        var saves = new System.Collections.Concurrent.ConcurrentQueue<(string Body, int Status)>();
        page.Response += (_, r) =>
        {
            if (r.Request.Method == "POST" && r.Url.EndsWith("/elsa/api/workflow-definitions", StringComparison.Ordinal))
            {
                saves.Enqueue((r.Request.PostData ?? string.Empty, r.Status));
            }
        };
        await page.GetByRole(AriaRole.Tab, new() { Name = "Variables" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add variable" }).ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await DialogField(page, dialog, "Name").Locator("input").FillAsync("Nummer");
        await DialogField(page, dialog, "Type").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Geheel getal", new() { Exact = true }).Last.ClickAsync();
        // The type list closes before the next field is typed in, and the dialog closes before the save is awaited: on a
        // busy machine a click in a still-open list or dialog was lost, and no save ever came.
        await Assertions.Expect(page.Locator(".mud-popover-open").GetByText("Geheel getal", new() { Exact = true })).ToHaveCountAsync(0);
        await DialogField(page, dialog, "Default value").Locator("input").FillAsync("7");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Ok" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync(new() { Timeout = 15_000 });
        var saved = await SaveWithVariableAsync(page, saves, "Nummer");
        Assert.Equal(200, saved.Status);
        var after = await ReadAsync(definitionId);
        var variable = Assert.Single(after.Json["variables"]!.AsArray())!;
        Assert.Equal(("Nummer", "Int32", false, "7"), ((string?)variable["name"], (string?)variable["typeName"], (bool?)variable["isArray"], (string?)variable["value"]));
        // Studio also keeps an (empty) map of test values per variable in the definition's custom properties.
        var changes = after.ChangesSince(before, "variables", "customProperties.VariableTestValues").Where(c => c != "customProperties: {} → (absent)").ToList();
        Assert.True(changes.Count == 0, "Adding variable 'Nummer' changed more than it should:\n" + string.Join("\n", changes));
        await page.ScreenshotAsync(new() { Path = Screenshot("termijn-status-brief-variable.png") });

        // What Studio stored for these inputs (typeName null, lists as Object expressions) passes the publish checks.
        var published = NextSaveAsync(page, _ => true, publish: true);
        await PublishButton(page).ClickAsync();
        Assert.Equal(200, (await published).Status);
        var v1 = await ReadAsync(definitionId, "Published");
        Assert.Equal((1, true), ((int)v1.Json["version"]!, (bool)v1.Json["isPublished"]!));
        v1.AssertOnlyChanged(after, "Publishing the built workflow");
    }

    /// <summary>The first collected save whose model has the variable; a failure lists what each save posted.</summary>
    private static async Task<(string Body, int Status)> SaveWithVariableAsync(IPage page, System.Collections.Concurrent.ConcurrentQueue<(string Body, int Status)> saves, string name)
    {
        static bool HasVariable(string body, string name) =>
            JsonNode.Parse(body)?["model"]?["variables"] is JsonArray variables && variables.Any(v => (string?)v?["name"] == name);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var match = saves.FirstOrDefault(s => HasVariable(s.Body, name));
            if (match.Body is not null)
            {
                Assert.NotEqual("true", JsonNode.Parse(match.Body)!["publish"]?.ToJsonString());
                return match;
            }

            await page.WaitForTimeoutAsync(250);
        }

        await page.ScreenshotAsync(new() { Path = Screenshot("no-save-with-variable.png") });
        throw new Xunit.Sdk.XunitException($"No save with variable {name} within 60 s. Saves seen:\n" + string.Join("\n", saves.Select(s =>
            $"{s.Status} publish={JsonNode.Parse(s.Body)?["publish"]?.ToJsonString() ?? "absent"} variables={JsonNode.Parse(s.Body)?["model"]?["variables"]?.ToJsonString() ?? "absent"}")));
    }

    private static async Task OpenKlachtenToolboxAsync(IPage page)
    {
        await page.Locator("#studio").GetByText("Klachten", new() { Exact = true }).First.ClickAsync();
        var items = page.Locator("[draggable=true]").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^\\s*(Brief versturen|Status klacht|Taak|Termijn)\\s*$") });
        await Assertions.Expect(items).ToHaveCountAsync(KlachtenToolbox.Length);
        foreach (var label in KlachtenToolbox)
        {
            await Assertions.Expect(page.Locator("[draggable=true]").GetByText(label, new() { Exact = true })).ToBeVisibleAsync();
        }
    }

    /// <summary>A chip field (outcomes, multitext): type a value and confirm it with Enter.</summary>
    private static async Task AddChipAsync(IPage page, string label, string value)
    {
        var input = Field(page, label).Locator("input").First;
        await input.FillAsync(value);
        await input.PressAsync("Enter");
    }

    private static ILocator DialogField(IPage page, ILocator dialog, string label) =>
        dialog.Locator(".mud-input-control").Filter(new() { Has = page.Locator("label", new() { HasTextRegex = ExactText(label) }) }).First;
}
