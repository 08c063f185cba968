using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Klachten.Studio.Tests.ProcessOwner;

/// <summary>The definition list's row menu: Duplicate and Export; the list's Import button.</summary>
public sealed partial class ProcessOwnerLifecycleTests
{
    [Fact]
    public async Task L4_DefinitionList_Duplicate_NewDefinitionWithSameRootAndVariables_SourceUnchanged()
    {
        var (id, name) = NewWorkflow("Duplicate");
        await SaveAsync(Model(id, name, "Schrijf regel", "Te kopiëren regel", withTask: true), publish: true);
        var source = await StoredDefinition.ReadAsync(fixture.Server, id);

        await using var context = await fixture.NewContextAsync();
        var page = await NewPageAsync(context);
        var row = await DefinitionRowAsync(page, id);
        await RowMenuAsync(page, row, "Duplicate");

        // Studio's dialog proposes "<name> - Duplicate of <id>"; OK saves the copy as a new definition.
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog.Locator("input").First).ToHaveValueAsync($"{name} - Duplicate of {id}");
        var saved = page.WaitForResponseAsync(r => Is(r, "POST", "/elsa/api/workflow-definitions"));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Ok", Exact = true }).ClickAsync();
        Assert.Equal(200, (await saved).Status);

        // The copy is found through the API (Studio may already have left the page, taking the response body with it):
        // its name holds the source's id, so a search for the id finds the source and exactly one copy.
        var found = await fixture.Server.GetJsonAsync(Owner, $"/elsa/api/workflow-definitions?versionOptions=Latest&SearchTerm={id}");
        var copyId = found["items"]!.AsArray().Select(d => (string)d!["definitionId"]!).Where(d => d != id).Single();

        // Same activities, connections, variables, inputs and layout; only its identity and name differ.
        var copy = await StoredDefinition.ReadAsync(fixture.Server, copyId);
        Assert.Equal($"{name} - Duplicate of {id}", (string)copy.Json["name"]!);
        Assert.Equal(source.Activities.Count, copy.Activities.Count);
        Assert.Equal(source.Connections.Count, copy.Connections.Count);
        // Studio builds the copy from its typed model: it does not copy toolVersion, and it writes every workflow
        // option (unset ones as null/false) where the source stored only usableAsActivity (see AssertSameOptions).
        copy.AssertOnlyChanged(source, "Duplicate (the copy)", "definitionId", "name", "toolVersion", "options.");
        AssertSameOptions(source, copy);
        Assert.Single(await VersionsAsync(copyId));

        (await StoredDefinition.ReadAsync(fixture.Server, id)).AssertOnlyChanged(source, "Duplicate (the source)");
        Assert.Single(await VersionsAsync(id));
    }

    [Fact]
    public async Task L5_DefinitionList_ExportDownloads_ImportOfThatFile_StoresTheSameDefinition()
    {
        var (id, name) = NewWorkflow("Export");
        await SaveAsync(Model(id, name, "Schrijf regel", "Uit te voeren regel", withTask: true), publish: true);
        var stored = await StoredDefinition.ReadAsync(fixture.Server, id);

        await using var context = await fixture.NewContextAsync();
        var page = await NewPageAsync(context);
        var row = await DefinitionRowAsync(page, id);
        await RowMenuAsync(page, row, "Export");

        // Studio asks whether to include referencing workflows; Export in that dialog downloads the file.
        var download = page.WaitForDownloadAsync(new() { Timeout = Boot });
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Export", Exact = true }).ClickAsync();
        var file = await download;
        var path = Path.Combine(Path.GetTempPath(), $"{id}-{file.SuggestedFilename}");
        await file.SaveAsAsync(path);
        try
        {
            var exported = StoredDefinition.From(JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject());
            Assert.Equal(id, (string)exported.Json["definitionId"]!);
            exported.AssertOnlyChanged(stored, "Export (file against the stored definition)");

            // Import through the list's Create-workflow dropdown: Studio posts the file's model to /import.
            var imported = page.WaitForResponseAsync(r => Is(r, "POST", "/workflow-definitions/import"));
            var chooser = page.WaitForFileChooserAsync(new() { Timeout = Boot });
            await page.Locator("elsa-workflow-definition-list .mud-button-group-root button").Nth(1).ClickAsync();
            await MenuItem(page, "Import").ClickAsync();
            await (await chooser).SetFilesAsync(path);
            var response = await imported;
            Assert.True(response.Ok, $"import answered {response.Status}");

            // The file keeps its definitionId, so it lands as the next version of the same workflow, equal to the file
            // in everything but version bookkeeping; it was published, so the import is published.
            var versions = await VersionsAsync(id);
            Assert.Equal([1, 2], versions.Select(v => (int)v["version"]!).ToArray());
            var latest = await StoredDefinition.ReadAsync(fixture.Server, id);
            Assert.Equal(2, (int)latest.Json["version"]!);
            latest.AssertOnlyChanged(exported, "Import of the exported file", "options.");
            AssertSameOptions(exported, latest);
            Assert.Equal((bool)exported.Json["isPublished"]!, (bool)latest.Json["isPublished"]!);
            await Assertions.Expect(page.GetByText("1 workflow imported successfully.").First).ToBeVisibleAsync();
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Studio sends a workflow's options from its typed model, with every option it knows (unset ones as null or
    /// false), where our API stores only the options a definition was saved with. An absent, null or false option is
    /// the same default, so compare the options with those three equal; any other value must be identical.
    /// </summary>
    private static void AssertSameOptions(StoredDefinition expected, StoredDefinition actual)
    {
        static SortedDictionary<string, string> Set(StoredDefinition d) => new(
            (d.Json["options"] as JsonObject ?? [])
                .Where(o => o.Value is not null && o.Value.ToJsonString() != "false")
                .ToDictionary(o => o.Key, o => o.Value!.ToJsonString()),
            StringComparer.Ordinal);

        Assert.Equal(Set(expected), Set(actual));
    }
}
