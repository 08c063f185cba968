using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Klachten.Studio.Tests.ProcessOwner;

/// <summary>
/// Connecting two activities by dragging from an outcome port, then the save and publish icons, then the server's
/// guard against publishing a version that lost a connected outcome.
/// </summary>
public sealed partial class ProcessOwnerEditingTests
{
    private const string TaskId = "taak1";
    private const string LetterId = "brief1";

    [Fact]
    public async Task PE5_ConnectOutcomeSavePublish_ThenRemovingTheConnectedOutcome_PublishRefusedInDutch()
    {
        var definitionId = await CreateDefinitionAsync("Poaverbinden " + Guid.NewGuid().ToString("N")[..8], activities: TwoUnconnectedActivities());
        await using var context = await fixture.NewContextAsync();
        var page = await OpenEditorAsync(context, definitionId, activities: 2);

        // Connect: mouse down on the task's "Gegrond" outlet, up on the letter's inlet.
        var before = await ReadAsync(definitionId);
        var connected = NextSaveAsync(page, m => m["root"]?["connections"]?.AsArray().Count == 1);
        await DragAsync(page, Node(page, "Beoordelen").Locator("[port='Gegrond']"), Node(page, "Uitslag versturen").Locator("[port='In']"));
        await connected;
        await Assertions.Expect(page.Locator("g.x6-edge")).ToHaveCountAsync(1);
        var draft = await ReadAsync(definitionId);
        Assert.Equal($"{TaskId}:Gegrond->{LetterId}:In", StoredDefinition.ConnectionKey(Assert.Single(draft.Connections)!));
        // Studio's first save also stores the sizes it measured for the two nodes set up without one.
        draft.AssertOnlyChanged(before, "Connecting Gegrond to the letter", "root.connections", $"root.activities[{TaskId}].metadata.designer.size.", $"root.activities[{LetterId}].metadata.designer.size.");

        // The save icon stores the same draft again.
        var saved = NextSaveAsync(page, _ => true, publish: false);
        await page.Locator(".elsa-toolbar-icon button").First.ClickAsync();
        Assert.Equal(200, (await saved).Status);
        var resaved = await ReadAsync(definitionId);
        Assert.Equal((1, false), ((int)resaved.Json["version"]!, (bool)resaved.Json["isPublished"]!));
        resaved.AssertOnlyChanged(draft, "Save");

        // The publish icon publishes that draft as version 1.
        var published = NextSaveAsync(page, _ => true, publish: true);
        await PublishButton(page).ClickAsync();
        Assert.Equal(200, (await published).Status);
        var v1 = await ReadAsync(definitionId, "Published");
        Assert.Equal((1, true, true), ((int)v1.Json["version"]!, (bool)v1.Json["isPublished"]!, (bool)v1.Json["isLatest"]!));
        v1.AssertOnlyChanged(draft, "Publish");

        // Removing the connected outcome: Studio drops the connection with the port in the same auto-save (a v2 draft).
        await Node(page, "Beoordelen").Locator("foreignObject").ClickAsync();
        var removed = NextSaveAsync(page, m => PostedInput(m, TaskId, "outcomes", "Object", """["Ongegrond"]"""));
        await page.Locator(".mud-chip").Filter(new() { Has = page.Locator(".mud-chip-content", new() { HasTextRegex = ExactText("Gegrond") }) }).Locator(".mud-chip-close-button").ClickAsync();
        await removed;
        var v2 = await ReadAsync(definitionId);
        Assert.Equal((2, false), ((int)v2.Json["version"]!, (bool)v2.Json["isPublished"]!));
        Assert.Empty(v2.Connections);
        v2.AssertOnlyChanged(v1, "Removing outcome Gegrond", $"root.activities[{TaskId}].outcomes.", "root.connections");

        // Publishing that draft is refused with a Dutch toast; version 1 stays the published one.
        var refused = NextSaveAsync(page, _ => true, publish: true);
        await PublishButton(page).ClickAsync();
        Assert.Equal(400, (await refused).Status);
        await Assertions.Expect(page.Locator(".mud-snackbar").GetByText("de uitkomst 'Gegrond' is verdwenen, maar is in de gepubliceerde versie verbonden", new() { Exact = false })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("publish-refused-dropped-outcome.png") });
        var stillPublished = await ReadAsync(definitionId, "Published");
        Assert.Equal(1, (int)stillPublished.Json["version"]!);
        stillPublished.AssertOnlyChanged(v1, "A refused publish");
        (await ReadAsync(definitionId)).AssertOnlyChanged(v2, "A refused publish");
    }

    private static ILocator PublishButton(IPage page) => page.Locator(".mud-button-group-root button.mud-primary-text").First;

    /// <summary>X6 draws edges from real mouse events on the port elements, so drag with the mouse in small steps.</summary>
    private static async Task DragAsync(IPage page, ILocator from, ILocator to)
    {
        var a = await from.First.BoundingBoxAsync() ?? throw new InvalidOperationException("source port not drawn");
        var b = await to.First.BoundingBoxAsync() ?? throw new InvalidOperationException("target port not drawn");
        await page.Mouse.MoveAsync(a.X + (a.Width / 2), a.Y + (a.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(b.X + (b.Width / 2), b.Y + (b.Height / 2), new() { Steps = 10 });
        await page.Mouse.UpAsync();
    }

    /// <summary>A task with two outcomes and a letter, side by side and not connected.</summary>
    private static JsonArray TwoUnconnectedActivities() =>
    [
        new JsonObject
        {
            ["id"] = TaskId,
            ["type"] = "Klachten.HumanTask",
            ["version"] = 1,
            ["name"] = "Beoordelen",
            ["title"] = Literal("String", "Beoordeel de klacht"),
            ["role"] = Literal("String", "directeur"),
            ["outcomes"] = new JsonObject { ["typeName"] = "String[]", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = """["Gegrond","Ongegrond"]""" } },
            ["metadata"] = Position(100, 100),
        },
        new JsonObject
        {
            ["id"] = LetterId,
            ["type"] = "Klachten.SendLetter",
            ["version"] = 1,
            ["name"] = "Uitslag versturen",
            ["letterKind"] = Literal("String", "Uitslag"),
            ["metadata"] = Position(450, 100),
        },
    ];

    private static JsonObject Literal(string typeName, string value) =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };

    private static JsonObject Position(double x, double y) =>
        new() { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = x, ["y"] = y } } };
}
