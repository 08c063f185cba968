using System.Text.RegularExpressions;
using Klachten.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Klachten.Web.Tests;

/// <summary>
/// The staff app's details: every page fits a 390 px phone without sideways scrolling (and stays accessible), the
/// complaints list is searched by reference or name without the name in the address, people by display name, Dutch
/// plurals, and the focus on the summary after a check.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed partial class StaffAppDetailsTests(WebAppFixture app)
{
    [Fact]
    public async Task EveryPage_FitsA390PxScreenAnd1280_Accessible_ScreenshotsTaken()
    {
        var (id, reference) = await app.RegisterAsync();
        var taskId = await app.OpenTaskAsync("directeur", reference, "Bevestig de ontvangst van de klacht schriftelijk");
        var directeur = await app.SignInAsync("directeur");
        var pages = new (string Path, string Name)[]
        {
            ("/", "inbox"), ("/klachten", "complaints"), ("/klachten/nieuw", "intake"), ("/overzicht", "overview"),
            ($"/taken/{taskId}", "task"), ($"/klachten/{id}", "case"), ($"/klachten/{id}/vastleggen", "record"),
        };
        foreach (var (width, height) in new[] { (1280, 900), (390, 844) })
        {
            await directeur.SetViewportSizeAsync(width, height);
            foreach (var (path, name) in pages)
            {
                await directeur.OpenAsync(app, path, $"{name} ({width} px)");
                await Browser.AssertFitsWidthAsync(directeur, $"{name} ({width} px)");
                await directeur.ScreenshotAsync($"{name}-{width}");
            }
        }
    }

    [Fact]
    public async Task ComplaintsList_SearchByReferenceOrComplainantName_NameNeverInTheAddress()
    {
        var unique = "Zoë van Zoekveld " + Guid.NewGuid().ToString("N")[..6];
        var (_, named) = await app.RegisterAsync(customize: body => body["complainant"]!["name"] = unique);
        var (_, other) = await app.RegisterAsync();
        var page = await app.SignInAsync("directeur");
        await page.OpenAsync(app, "/klachten", "complaints list");

        await page.GetByLabel("Zoeken op kenmerk of naam van de klager").FillAsync(unique.ToUpperInvariant()[..20]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
        await Expect(page.Locator("table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("table tbody tr td").First).ToHaveTextAsync(named);
        await Expect(page.Locator("#aantal")).ToContainTextAsync("1 klacht gevonden");
        Assert.DoesNotContain("zoekveld", Uri.UnescapeDataString(page.Url), StringComparison.OrdinalIgnoreCase);
        await Browser.AssertAccessibleAsync(page, "complaints list searched");

        await page.GetByLabel("Zoeken op kenmerk of naam van de klager").FillAsync(other);
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
        await Expect(page.Locator("table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("table tbody tr td").First).ToHaveTextAsync(other);
    }

    [Fact]
    public async Task Inbox_TaskAndOverview_ShowDisplayNamesAndDutchPlurals()
    {
        var (_, reference) = await app.RegisterAsync();
        var directeur = await app.SignInAsync("directeur");
        await directeur.OpenPageAsync("/");
        var entry = directeur.Task(reference, "Bevestig de ontvangst");
        await entry.GetByRole(AriaRole.Button, new() { Name = "Oppakken" }).ClickAsync();
        await Expect(directeur.Locator("dl.gegevens").First).ToContainTextAsync("Dina Directeur");
        await directeur.OpenPageAsync("/");
        await Expect(directeur.Task(reference, "Bevestig de ontvangst").Locator("dd", new() { HasTextString = "Dina Directeur" })).ToHaveCountAsync(1);

        await directeur.OpenPageAsync("/overzicht");
        foreach (var card in await directeur.Locator(".kaart").AllInnerTextsAsync())
        {
            var match = CardCount().Match(card);
            if (!match.Success)
            {
                continue; // "—": no figure yet
            }

            var one = match.Groups[1].Value == "1";
            Assert.False(one && PluralAfterOne().IsMatch(card), $"plural after 1: {card}");
            Assert.False(!one && SingularAfterMany().IsMatch(card), $"singular after {match.Groups[1].Value}: {card}");
        }
    }

    [Fact]
    public async Task InformalStep_ConcernedEmployeeTask_ShowsWhatTheConversationNeeds_NoDeadCaseLink()
    {
        var (id, reference) = await app.RegisterAsync(stage: "Informal", concernedEmployee: "medewerker");
        var medewerker = await app.SignInAsync("medewerker");
        await medewerker.OpenPageAsync("/");
        await medewerker.Task(reference, "Bespreek de klacht met de klant").GetByRole(AriaRole.Link, new() { Name = "Afronden" }).ClickAsync();

        var about = medewerker.Locator("dl[aria-labelledby='over-de-klacht']");
        await Expect(about).ToContainTextAsync("Fatima Bakker");
        await Expect(about).ToContainTextAsync("fatima@example.nl");
        await Expect(about).ToContainTextAsync("Effecten van de dienstverlening");
        await Expect(about).ToContainTextAsync("De uitkering kwam drie weken te laat.");
        // The employee the complaint is about may not open the case: the reference is shown, not linked.
        await Expect(medewerker.Locator("dl.gegevens").First.GetByText(reference)).ToHaveCountAsync(1);
        await Expect(medewerker.Locator($"a[href='/klachten/{id}']")).ToHaveCountAsync(0);
        foreach (var (width, height) in new[] { (1280, 900), (390, 844) })
        {
            await medewerker.SetViewportSizeAsync(width, height);
            await Browser.AssertAccessibleAsync(medewerker, $"informal task ({width} px)");
            await Browser.AssertFitsWidthAsync(medewerker, $"informal task ({width} px)");
            await medewerker.ScreenshotAsync($"informal-task-{width}");
        }
    }

    [Fact]
    public async Task Intake_ComplaintAboutTheRegisteringEmployee_LandsInTheInboxWithTheReason()
    {
        var page = await app.SignInAsync("medewerker");
        await page.OpenPageAsync("/klachten/nieuw");
        await page.Locator("#complainant-name").FillAsync("Jan de Vries");
        await page.Locator("#complainant-email").FillAsync("jan@example.nl");
        await page.GetByLabel("Bejegening door een medewerker").CheckAsync();
        var today = await page.GetByLabel("Datum van ontvangst").InputValueAsync();
        await page.GetByLabel("Datum van de gebeurtenis").FillAsync(today);
        await page.Locator("#concernedEmployee").SelectOptionAsync("medewerker");
        await page.GetByLabel("Betrokken leidinggevende").SelectOptionAsync("leidinggevende");
        await page.GetByLabel("Beschrijving van de klacht").FillAsync("Over mijzelf vastgelegd.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Controleren" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Klacht registreren" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Expect(page.Locator("#melding")).ToContainTextAsync("Omdat de klacht over u gaat, kunt u het dossier niet inzien.");
    }

    [Fact]
    public async Task IntakeCheck_FocusGoesToTheErrorSummary()
    {
        var page = await app.SignInAsync("medewerker");
        await page.OpenPageAsync("/klachten/nieuw");
        await page.GetByRole(AriaRole.Button, new() { Name = "Controleren" }).ClickAsync();
        await Expect(page.Locator("#foutmeldingen")).ToBeFocusedAsync();
    }

    [GeneratedRegex(@"^\s*(\d+)")]
    private static partial Regex CardCount();

    [GeneratedRegex(@"^\s*1\s+(open klachten|taken|termijnen|klachten)\b")]
    private static partial Regex PluralAfterOne();

    [GeneratedRegex(@"^\s*\d+\s+(open klacht|taak|termijn|klacht)\b(?!en)")]
    private static partial Regex SingularAfterMany();
}
