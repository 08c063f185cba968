using System.Text.RegularExpressions;
using Klachten.Testing;
using Klachten.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Klachten.Web.Tests;

/// <summary>A whole complaint from intake to decision, done by the staff in the browser.</summary>
[Collection(WebAppCollection.Name)]
public sealed partial class ProcedureInTheBrowserTests(WebAppFixture app)
{
    // The decision goes to the complainant and the manager, each in a letter of their own.
    private static readonly (string Kind, int Count)[] ExpectedLetters = [("Ontvangstbevestiging", 1), ("VoorgelegdAanCommissie", 1), ("Besluit", 2)];

    [Fact]
    public async Task Procedure_StaffWorkItInTheBrowser_CaseShowsDecidedWithEveryLetter()
    {
        var (caseUrl, reference) = await RegisterAsMedewerkerAsync();

        var directeur = await app.SignInAsync("directeur");
        await directeur.OpenAsync(app, "/", "inbox");
        await directeur.ScreenshotAsync("inbox");
        await CompleteWithKeyboardOnlyAsync(directeur, reference, "Bevestig de ontvangst van de klacht schriftelijk");
        await directeur.CompleteAsync(reference, "Neem contact op met de klager", "Niet ingetrokken",
            new Dictionary<string, string> { ["Notitie van het contact met de klager"] = "Gebeld op dinsdag; klager handhaaft de klacht." }, comment: "Geen oplossing gevonden.");
        await directeur.CompleteAsync(reference, "Leg de klacht met rapportage voor aan de Klachtencommissie", "Voorgelegd",
            new Dictionary<string, string> { ["Rapportage van de genomen stappen"] = "Ontvangst bevestigd, contact gehad, klacht niet ingetrokken." });

        var commissie = await app.SignInAsync("commissie");
        await commissie.OpenAsync(app, "/", "inbox (commissie)");
        await commissie.CompleteAsync(reference, "Breng bindend advies uit", "Gegrond",
            new Dictionary<string, string> { ["Toelichting bij het advies (of de reden van verlenging)"] = "De klager is onheus bejegend." });

        await directeur.CompleteAsync(reference, "Deel het besluit schriftelijk mee", "Besluit verzonden",
            new Dictionary<string, string> { ["Het besluit"] = "De klacht is gegrond; excuses en een gesprek met de medewerker." });

        await directeur.OpenAsync(app, caseUrl, "case page");
        await Expect(directeur.Locator("#status")).ToHaveTextAsync("Besloten");
        foreach (var (kind, count) in ExpectedLetters)
        {
            await Expect(directeur.Locator($"#brieven tr[data-letter-kind='{kind}']")).ToHaveCountAsync(count);
        }

        // Letters are sent by the notification service (hosted in-process in the embedded default); their status
        // comes back as LetterSent.
        await Eventually.Until(async () =>
        {
            await directeur.ReloadAsync();
            var statuses = await directeur.Locator("#brieven td.brief-status").AllTextContentsAsync();
            return statuses.Count >= ExpectedLetters.Sum(l => l.Count) && statuses.All(s => s.StartsWith("Verzonden", StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(60));
        await Expect(directeur.Locator("#brieven tr[data-letter-kind]").First).ToHaveAttributeAsync("data-sha256", Sha256());
        await directeur.ScreenshotAsync("case-page");
    }

    private async Task<(string CaseUrl, string Reference)> RegisterAsMedewerkerAsync()
    {
        var page = await app.SignInAsync("medewerker");
        await page.OpenAsync(app, "/klachten/nieuw", "intake");

        // Nothing filled in: Dutch messages next to the fields, and the page is still accessible.
        await page.GetByRole(AriaRole.Button, new() { Name = "Controleren" }).ClickAsync();
        await Expect(page.Locator("#complainant-name-fout")).ToHaveTextAsync("Vul de naam van de klager in.");
        await Expect(page.Locator("#description-fout")).ToHaveTextAsync("Beschrijf de klacht.");
        await Browser.AssertAccessibleAsync(page, "intake with errors");

        await page.Locator("#complainant-name").FillAsync("Jan de Vries");
        await page.Locator("#complainant-email").FillAsync("jan.devries@example.nl");
        await page.GetByLabel("Bejegening door een medewerker").CheckAsync();
        await page.GetByLabel("Datum van de gebeurtenis").FillAsync(await TodayMinusDaysAsync(page, 20));
        await page.GetByLabel("Betrokken leidinggevende").SelectOptionAsync("leidinggevende");
        await page.GetByLabel("Beschrijving van de klacht").FillAsync("De klager voelde zich bij het intakegesprek niet serieus genomen.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Controleren" }).ClickAsync();
        await Expect(page.Locator("#controle")).ToContainTextAsync("Gegevens gecontroleerd");
        await Expect(page.Locator("#verjaard-melding")).ToHaveCountAsync(0);
        await Browser.AssertAccessibleAsync(page, "intake check step");
        await page.ScreenshotAsync("intake");

        await page.GetByRole(AriaRole.Button, new() { Name = "Klacht registreren" }).ClickAsync();
        await page.WaitForURLAsync(CaseUrl());
        await Expect(page.Locator("#status")).ToHaveTextAsync("Ontvangen");
        await Expect(page.Locator("svg g.stap.actief[data-activity='bevestigOntvangst']")).ToHaveCountAsync(1);
        await Browser.AssertAccessibleAsync(page, "case page (new)");
        var reference = (await page.Locator("h1").TextContentAsync())!.Replace("Klacht ", "", StringComparison.Ordinal).Trim();
        return (new Uri(page.Url).AbsolutePath, reference);
    }

    /// <summary>Only Tab and Enter: to the task's "Afronden" link in the inbox, then to the (preselected) single outcome's submit button.</summary>
    private async Task CompleteWithKeyboardOnlyAsync(IPage page, string reference, string title)
    {
        await page.OpenPageAsync("/");
        var link = $"Afronden: {title} {reference}";
        await TabToAsync(page, "A", link, 80);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("/taken/", StringComparison.Ordinal));
        await app.RecordLoadTimeAsync(page, "task page");
        await Browser.AssertAccessibleAsync(page, "task page");
        await TabToAsync(page, "BUTTON", "Taak afronden", 40);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Expect(page.Locator("#melding")).ToContainTextAsync("is afgerond");
    }

    private static async Task TabToAsync(IPage page, string tag, string text, int maxTabs)
    {
        for (var i = 0; i < maxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>(
                "([tag, text]) => { const e = document.activeElement; return !!e && e.tagName === tag && e.textContent.replace(/\\s+/g, ' ').trim().includes(text); }",
                new[] { tag, text }))
            {
                return;
            }
        }

        Assert.Fail($"<{tag}> '{text}' not reached with {maxTabs} Tab presses.");
    }

    // The server runs on a manual clock; the form's default receipt date is its "today".
    private static async Task<string> TodayMinusDaysAsync(IPage page, int days)
    {
        var today = DateOnly.ParseExact(await page.GetByLabel("Datum van ontvangst").InputValueAsync(), "yyyy-MM-dd");
        return today.AddDays(-days).ToString("yyyy-MM-dd");
    }

    [GeneratedRegex("/klachten/[0-9a-f-]{36}$")]
    private static partial Regex CaseUrl();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256();
}
