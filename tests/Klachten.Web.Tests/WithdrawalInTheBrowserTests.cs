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
        await directeur.GotoAsync($"/klachten/{id}");
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
        await directeur.GotoAsync($"/klachten/{id}/vastleggen");
        await Expect(directeur.Locator("#niet-mogelijk")).ToContainTextAsync("wacht nu niet op een intrekking");
    }

    [Fact]
    public async Task Withdrawal_NotOfferedToTheCommittee()
    {
        var (id, _) = await app.RegisterAsync();
        var commissie = await app.SignInAsync("commissie");
        await commissie.GotoAsync($"/klachten/{id}");
        await Expect(commissie.Locator("h1")).ToContainTextAsync("Klacht");
        await Expect(commissie.Locator("#intrekking")).ToHaveCountAsync(0);
    }
}
