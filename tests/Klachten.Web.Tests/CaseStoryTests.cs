using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klachten.Testing;
using Klachten.Testing.Browser;
using static Microsoft.Playwright.Assertions;

namespace Klachten.Web.Tests;

/// <summary>
/// The case page reads as a dossier: per step who did what when, the outcome, every text entered (contact note,
/// report, advice) and every comment; the current step is only what the procedure waits for; letters say to whom.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class CaseStoryTests(WebAppFixture app)
{
    private const string ContactNote = "Gebeld op dinsdag; de klager handhaaft de klacht.";
    private const string ContactComment = "Klager wil een excuusbrief.";
    private const string Report = "Ontvangst bevestigd, contact gehad, klacht niet ingetrokken.";
    private const string Advice = "De commissie vindt de bejegening onheus.";

    [Fact]
    public async Task CasePage_TellsWhoDidWhatWhen_EveryTextAndComment_WaitsOnlyForTheOpenTask()
    {
        var (id, reference) = await app.RegisterAsync();
        await CompleteAsync("directeur", reference, "Bevestigd", [], comment: null);
        await CompleteAsync("directeur", reference, "Niet ingetrokken", new() { ["contactnotitie"] = ContactNote }, ContactComment);
        await CompleteAsync("directeur", reference, "Voorgelegd", new() { ["rapportage"] = Report }, comment: null);
        // Waiting for the advice, whose node lies beyond the right edge at 1280 px: the flowchart (which scrolls by
        // itself) starts with that current step in view.
        var directeur = await app.SignInAsync("directeur");
        await directeur.SetViewportSizeAsync(1280, 900);
        await directeur.OpenPageAsync($"/klachten/{id}");
        var inView = await directeur.EvaluateAsync<bool>(
            "() => { const r = document.querySelector('.stroom').getBoundingClientRect(); const a = document.querySelector('.stroom .actief').getBoundingClientRect(); return a.left >= r.left && a.right <= r.right; }");
        Assert.True(inView, "the current step is not in view in the flowchart");
        Assert.True(await directeur.EvaluateAsync<double>("() => document.querySelector('.stroom').scrollLeft") > 0, "the flowchart did not scroll to the current step");

        await CompleteAsync("commissie", reference, "Gegrond", new() { ["toelichting"] = Advice }, comment: "Unaniem.");

        foreach (var (width, height) in new[] { (1280, 900), (390, 844) })
        {
            await directeur.SetViewportSizeAsync(width, height);
            await directeur.OpenAsync(app, $"/klachten/{id}", $"case page with its story ({width} px)");
            await directeur.ScreenshotAsync($"case-story-{width}");
            await Browser.AssertFitsWidthAsync(directeur, $"case page ({width} px)");
        }

        var steps = directeur.Locator("ol.verhaal > li");
        await Expect(steps).ToHaveCountAsync(5);
        var contact = steps.Filter(new() { HasText = "Neem contact op met de klager" });
        await Expect(contact).ToContainTextAsync("Afgerond door Dina Directeur op");
        await Expect(contact.Locator(".uitkomst")).ToHaveTextAsync("Niet ingetrokken");
        await Expect(contact.Locator("dd.tekst").First).ToHaveTextAsync(ContactNote);
        await Expect(contact.Locator("dd.opmerking")).ToHaveTextAsync(ContactComment);
        await Expect(steps.Filter(new() { HasText = "Leg de klacht met rapportage voor" }).Locator("dd.tekst")).ToHaveTextAsync(Report);
        var advice = steps.Filter(new() { HasText = "Breng bindend advies uit" });
        await Expect(advice.Locator("dd.tekst").First).ToHaveTextAsync(Advice);
        await Expect(advice.Locator("dd.opmerking")).ToHaveTextAsync("Unaniem.");

        // Only the decision is awaited; it is the current step and the one open entry of the story.
        await Expect(directeur.Locator("#huidige-stap")).ToHaveTextAsync("— wacht op: Deel het besluit schriftelijk mee");
        await Expect(directeur.Locator("ol.verhaal > li.verhaal-open")).ToHaveCountAsync(1);
        await Expect(directeur.Locator("ol.verhaal > li.verhaal-open")).ToContainTextAsync("Wacht op de directeur");

        // People by name, letters to whom.
        await Expect(directeur.Locator("dl.gegevens")).ToContainTextAsync("Lars Leidinggevende");
        var receipt = directeur.Locator("#brieven tr[data-letter-kind='Ontvangstbevestiging'] td").Nth(1);
        await Expect(receipt).ToHaveTextAsync("Fatima Bakker (klager), Lars Leidinggevende (leidinggevende, afschrift)");
        Assert.Equal(0, await directeur.Locator("#brieven th").Filter(new() { HasText = "SHA-256" }).CountAsync());
    }

    private async Task CompleteAsync(string user, string reference, string outcome, JsonObject data, string? comment)
    {
        using var api = app.Api(user);
        var task = await Eventually.Until(
            async () => (await api.GetFromJsonAsync<JsonArray>("/api/tasks?scope=role"))!
                .FirstOrDefault(t => t!["complaintReference"]?.GetValue<string>() == reference && t["outcomes"]!.AsArray().Any(o => (string?)o == outcome)),
            t => t is not null);
        using var response = await api.PostAsJsonAsync($"/api/tasks/{task!["id"]}/complete", new JsonObject
        {
            ["outcome"] = outcome,
            ["comment"] = comment,
            ["data"] = data,
            ["version"] = task["version"]!.GetValue<int>(),
        });
        Assert.True(response.IsSuccessStatusCode, $"{user} {outcome}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
