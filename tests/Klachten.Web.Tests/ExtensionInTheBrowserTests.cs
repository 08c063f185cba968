using System.Text.Json.Nodes;
using Klachten.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Klachten.Web.Tests;

/// <summary>
/// Article 6: the committee may extend its term once. After that one extension the advice task no longer offers
/// "Verlengen" and says why; a post of it anyway (a form opened earlier) gets the reason next to the outcomes, the
/// form stays, and nothing claims that somebody else handled the task.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ExtensionInTheBrowserTests(WebAppFixture app)
{
    private const string AdviceAfterExtension = "Breng bindend advies uit (verlengde termijn)";
    private const string Reason = "De adviestermijn is al eenmaal verlengd";

    [Fact]
    public async Task SecondExtension_NotOffered_ReasonShown_ACraftedPostGetsTheReasonAndTheFormStays()
    {
        var (id, reference) = await app.RegisterAsync();
        await app.CompleteOpenTaskAsync("directeur", reference, "Bevestigd");
        await app.CompleteOpenTaskAsync("directeur", reference, "Niet ingetrokken", new JsonObject { ["contactnotitie"] = "Gebeld." });
        await app.CompleteOpenTaskAsync("directeur", reference, "Voorgelegd", new JsonObject { ["rapportage"] = "Stappen gezet." });

        var commissie = await app.SignInAsync("commissie");
        // The first advice task offers the extension.
        await commissie.OpenPageAsync("/");
        await commissie.Task(reference, "Breng bindend advies uit").GetByRole(AriaRole.Link, new() { Name = "Afronden" }).First.ClickAsync();
        await Expect(commissie.GetByRole(AriaRole.Radio, new() { Name = "Verlengen", Exact = true })).ToHaveCountAsync(1);
        await Expect(commissie.Locator(".geweigerd")).ToHaveCountAsync(0);
        await commissie.CompleteAsync(reference, "Breng bindend advies uit", "Verlengen",
            new Dictionary<string, string> { ["Toelichting bij het advies (of de reden van verlenging)"] = "Wij horen eerst de medewerker." });

        // The second one: three outcomes, the reason for the missing fourth.
        await commissie.OpenPageAsync("/");
        await commissie.Task(reference, AdviceAfterExtension).GetByRole(AriaRole.Link, new() { Name = "Afronden" }).ClickAsync();
        await Expect(commissie.GetByRole(AriaRole.Radio)).ToHaveCountAsync(3);
        await Expect(commissie.GetByRole(AriaRole.Radio, new() { Name = "Verlengen", Exact = true })).ToHaveCountAsync(0);
        await Expect(commissie.Locator(".geweigerd[data-outcome='Verlengen']")).ToContainTextAsync(Reason);
        await Browser.AssertAccessibleAsync(commissie, "advice task after the extension");

        // A post of "Verlengen" from this very form (as a form opened before the extension would send it).
        await commissie.GetByRole(AriaRole.Radio, new() { Name = "Ongegrond", Exact = true }).EvaluateAsync("radio => radio.value = 'Verlengen'");
        await commissie.GetByRole(AriaRole.Radio, new() { Name = "Ongegrond", Exact = true }).CheckAsync();
        await commissie.GetByLabel("Toelichting bij het advies (of de reden van verlenging)").FillAsync("Nog een keer verlengen.");
        await commissie.GetByRole(AriaRole.Button, new() { Name = "Taak afronden" }).ClickAsync();

        await Expect(commissie.Locator("#outcome-fout")).ToContainTextAsync(Reason);
        await Expect(commissie.Locator("#conflict")).ToHaveCountAsync(0);
        await Expect(commissie.GetByText("door iemand anders")).ToHaveCountAsync(0);
        await Expect(commissie.GetByRole(AriaRole.Button, new() { Name = "Taak afronden" })).ToHaveCountAsync(1);
        await Browser.AssertAccessibleAsync(commissie, "advice task with the refused outcome");

        // The task is still open, not extended a second time.
        using var api = app.Api("commissie");
        var open = await api.GetStringAsync("/api/tasks?scope=role");
        var task = JsonNode.Parse(open)!.AsArray().Single(t => (string?)t!["complaintReference"] == reference)!;
        Assert.Equal(AdviceAfterExtension, (string?)task["title"]);
        Assert.Equal("Open", (string?)task["status"]);

        // The committee's explanation of the extension is filed as its reason, not as advice.
        var directeur = await app.SignInAsync("directeur");
        await directeur.OpenPageAsync($"/klachten/{id}");
        await Expect(directeur.Locator("#dossierstukken td:first-child")).ToHaveTextAsync(["Contactnotitie", "Rapportage", "Reden verlenging"]);
    }
}
