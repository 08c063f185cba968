using System.Text.Json.Nodes;
using Klachten.Server.Features.Complaints;
using Klachten.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Klachten.Web.Tests;

/// <summary>
/// The staff read Dutch, never the contract's codes: intake errors, a task's errors, the case page (its data, letters
/// and timeline) show the words of <see cref="DutchLabels"/>. Each page's visible text is searched for every code.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class DutchTextTests(WebAppFixture app)
{
    // Codes that differ from their Dutch word (e.g. ConfidentialAdviser, VoorgelegdAanCommissie), and task field keys
    // as a message would quote them.
    private static readonly string[] Codes =
    [
        .. new[] { DutchLabels.Categories, DutchLabels.Grounds, DutchLabels.RepresentativeKinds, DutchLabels.Stages, DutchLabels.Statuses.Select(x => (Value: x.Value.ToString(), x.Text)).ToList(), DutchLabels.LetterKinds }
            .SelectMany(list => list).Where(x => !x.Text.Contains(x.Value, StringComparison.Ordinal)).Select(x => x.Value),
        .. DutchLabels.TaskFields.Select(x => $"'{x.Value}'"),
    ];

    [Fact]
    public async Task IntakeErrors_TaskErrors_CasePage_ShowDutchWordsAndNoCodes()
    {
        Assert.Contains("ConfidentialAdviser", Codes);
        Assert.Contains("VoorgelegdAanCommissie", Codes);

        // Intake: a representative without a kind, a discrimination complaint without a ground, no manager.
        var medewerker = await app.SignInAsync("medewerker");
        await medewerker.OpenAsync(app, "/klachten/nieuw", "intake");
        await medewerker.Locator("#representative-name").FillAsync("Mr. P. de Bruin");
        await medewerker.GetByLabel("Discriminatie", new() { Exact = true }).CheckAsync();
        await Expect(medewerker.Locator("label[for='discriminationGround']")).Not.ToContainTextAsync("optioneel");
        await medewerker.GetByRole(AriaRole.Button, new() { Name = "Controleren" }).ClickAsync();
        await Expect(medewerker.Locator("#representative-kind-fout")).ToHaveTextAsync("Kies de soort bijstand: deskundige of vertrouwenspersoon.");
        await Expect(medewerker.Locator("#discriminationGround-fout")).ToContainTextAsync("Kies de grond van de discriminatie: religie, levensovertuiging,");
        await Expect(medewerker.Locator("#manager-fout")).ToHaveTextAsync("Kies de betrokken leidinggevende.");
        await AssertNoCodesAsync(medewerker, "intake with errors");

        // A case with a representative, a ground and the letter to the committee.
        var (id, reference) = await app.RegisterAsync(customize: body =>
        {
            body["complainant"] = new JsonObject { ["name"] = "Fatima el Amrani", ["email"] = "fatima@example.nl" };
            body["representative"] = new JsonObject { ["name"] = "Mr. P. de Bruin", ["kind"] = "ConfidentialAdviser" };
            body["category"] = "Discrimination";
            body["discriminationGround"] = "Religion";
            body["description"] = "Opmerkingen over haar hoofddoek aan de balie.";
        });
        await app.CompleteOpenTaskAsync("directeur", reference, "Bevestigd");
        await app.CompleteOpenTaskAsync("directeur", reference, "Niet ingetrokken", new JsonObject { ["contactnotitie"] = "Gebeld." });
        await app.CompleteOpenTaskAsync("directeur", reference, "Voorgelegd", new JsonObject { ["rapportage"] = "Stappen gezet." });

        // A task completed without its required field: the field's label, not its key.
        var commissie = await app.SignInAsync("commissie");
        await commissie.OpenPageAsync("/");
        await commissie.Task(reference, "Breng bindend advies uit").GetByRole(AriaRole.Link, new() { Name = "Afronden" }).ClickAsync();
        await commissie.GetByRole(AriaRole.Radio, new() { Name = "Gegrond", Exact = true }).CheckAsync();
        await commissie.GetByRole(AriaRole.Button, new() { Name = "Taak afronden" }).ClickAsync();
        await Expect(commissie.Locator(".fout").First).ToContainTextAsync("Vul 'Toelichting bij het advies (of de reden van verlenging)' in");
        await AssertNoCodesAsync(commissie, "task with errors");

        var directeur = await app.SignInAsync("directeur");
        await directeur.OpenPageAsync("/klachten/" + id);
        await Expect(directeur.Locator("dl.gegevens")).ToContainTextAsync("Vertrouwenspersoon");
        await Expect(directeur.Locator("dl.gegevens")).ToContainTextAsync("Religie");
        await Expect(directeur.Locator(".tijdlijn")).ToContainTextAsync("Brief 'Voorgelegd aan de Klachtencommissie' aangevraagd.");
        await AssertNoCodesAsync(directeur, "case page");
    }

    private static async Task AssertNoCodesAsync(IPage page, string name)
    {
        var text = await page.EvaluateAsync<string>("() => document.body.innerText");
        var found = Codes.Where(code => text.Contains(code, StringComparison.Ordinal)).ToList();
        Assert.True(found.Count == 0, $"{name} ({page.Url}) shows codes instead of Dutch words: {string.Join(", ", found)}");
    }
}
