using Klachten.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Klachten.Web.Tests;

/// <summary>
/// A withdrawal outside the contact task: the case page offers it while the procedure listens for it, the form asks
/// for a confirmation in Dutch, and recording it ends the case with the confirmation letter.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class WithdrawalInTheBrowserTests(WebAppFixture app)
{
    [Fact]
    public async Task Withdrawal_RecordedFromTheCasePage_CaseWithdrawnWithItsLetter_NotOfferedWhereNotAwaited()
    {
        var (id, _) = await app.RegisterAsync();
        var directeur = await app.SignInAsync("directeur");
        await directeur.OpenAsync(app, $"/klachten/{id}", "case page waiting for a withdrawal");
        await directeur.Locator("#intrekking").ClickAsync();
        await directeur.WaitForURLAsync($"**/klachten/{id}/vastleggen");
        await Browser.AssertAccessibleAsync(directeur, "withdrawal form");

        // Not confirmed: a Dutch message, nothing recorded.
        await directeur.GetByRole(AriaRole.Button, new() { Name = "Intrekking vastleggen" }).ClickAsync();
        await Expect(directeur.Locator("#fout")).ToHaveTextAsync("Vink aan dat de klager de klacht heeft ingetrokken.");
        await directeur.OpenPageAsync($"/klachten/{id}");
        await Expect(directeur.Locator("#status")).ToHaveTextAsync("Ontvangen");

        await directeur.Locator("#intrekking").ClickAsync();
        await directeur.GetByLabel("heeft klacht", new() { Exact = false }).CheckAsync();
        await directeur.GetByRole(AriaRole.Button, new() { Name = "Intrekking vastleggen" }).ClickAsync();
        await directeur.WaitForURLAsync($"**/klachten/{id}");
        await Expect(directeur.Locator("[role=status]").First).ToContainTextAsync("De intrekking is vastgelegd");
        await Expect(directeur.Locator("#status")).ToHaveTextAsync("Ingetrokken");
        await Expect(directeur.Locator("#brieven tr[data-letter-kind='BevestigingIntrekking']")).ToHaveCountAsync(1);
        // Nothing left to withdraw: no action on the case, the form says so.
        await Expect(directeur.Locator("#intrekking")).ToHaveCountAsync(0);
        await directeur.OpenPageAsync($"/klachten/{id}/vastleggen");
        await Expect(directeur.Locator("#niet-mogelijk")).ToContainTextAsync("wacht nu niet op een intrekking");
    }

    [Fact]
    public async Task WrittenComplaint_AfterTheInformalSteps_RecordedFromTheCasePage_FormalProcedureStarts()
    {
        var (id, reference) = await app.RegisterAsync(stage: "Informal", concernedEmployee: "medewerker");
        await app.CompleteOpenTaskAsync("medewerker", reference, "Niet opgelost");
        await app.CompleteOpenTaskAsync("leidinggevende", reference, "Niet opgelost");
        var today = await app.TodayAsync();

        var directeur = await app.SignInAsync("directeur");
        await directeur.OpenPageAsync($"/klachten/{id}");
        // No task is open: the procedure waits for the written complaint; the withdrawal listener beside it is an
        // action on the page, not the current step.
        await Expect(directeur.Locator("#huidige-stap")).ToHaveTextAsync("— wacht op: Wacht op de schriftelijke klacht");
        await directeur.Locator("#schriftelijk").ClickAsync();
        await directeur.WaitForURLAsync($"**/klachten/{id}/vastleggen");
        await Expect(directeur.Locator("#ontvangen")).ToHaveValueAsync(today.ToString("yyyy-MM-dd"));
        await Browser.AssertAccessibleAsync(directeur, "written complaint form");

        // A date in the future: the Dutch message next to the field, nothing recorded.
        await directeur.Locator("#ontvangen").FillAsync(today.AddDays(3).ToString("yyyy-MM-dd"));
        await directeur.GetByRole(AriaRole.Button, new() { Name = "Schriftelijke klacht vastleggen" }).ClickAsync();
        await Expect(directeur.Locator("#ontvangen-fout")).ToContainTextAsync("niet in de toekomst");
        await Browser.AssertAccessibleAsync(directeur, "written complaint form with an error");

        await directeur.Locator("#ontvangen").FillAsync(today.ToString("yyyy-MM-dd"));
        await directeur.GetByRole(AriaRole.Button, new() { Name = "Schriftelijke klacht vastleggen" }).ClickAsync();
        await directeur.WaitForURLAsync($"**/klachten/{id}");
        await Expect(directeur.Locator("[role=status]").First).ToContainTextAsync("De schriftelijke klacht is vastgelegd");
        await Expect(directeur.Locator("#status")).ToHaveTextAsync("Ontvangen");
        await Expect(directeur.Locator("#huidige-stap")).ToContainTextAsync("Bevestig de ontvangst van de klacht schriftelijk");
        await Expect(directeur.Locator("#schriftelijk")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Withdrawal_NotOfferedToTheCommittee()
    {
        var (id, _) = await app.RegisterAsync();
        var commissie = await app.SignInAsync("commissie");
        await commissie.OpenPageAsync($"/klachten/{id}");
        await Expect(commissie.Locator("h1")).ToContainTextAsync("Klacht");
        await Expect(commissie.Locator("#intrekking")).ToHaveCountAsync(0);
    }
}
