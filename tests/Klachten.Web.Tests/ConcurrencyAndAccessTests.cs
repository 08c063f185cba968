using System.Net;
using Klachten.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Klachten.Web.Tests;

[Collection(WebAppCollection.Name)]
public sealed class ConcurrencyAndAccessTests(WebAppFixture app)
{
    [Fact]
    public async Task Complete_SameTaskInTwoBrowsersAtOnce_OneSucceedsTheOtherSeesTheDutchConflict()
    {
        var (_, reference) = await app.RegisterAsync();
        var taskId = await app.OpenTaskAsync("directeur", reference, "Bevestig de ontvangst van de klacht schriftelijk");
        var first = await app.SignInAsync("directeur");
        var second = await app.SignInAsync("directeur");
        await first.OpenPageAsync($"/taken/{taskId}");
        await second.OpenPageAsync($"/taken/{taskId}");

        await Task.WhenAll(
            first.GetByRole(AriaRole.Button, new() { Name = "Taak afronden" }).ClickAsync(),
            second.GetByRole(AriaRole.Button, new() { Name = "Taak afronden" }).ClickAsync());
        await Task.WhenAll(first.Locator("#melding, #conflict").WaitForAsync(), second.Locator("#melding, #conflict").WaitForAsync());

        var pages = new[] { first, second };
        var succeeded = pages.Where(p => new Uri(p.Url).AbsolutePath == "/").ToList();
        var conflicted = pages.Except(succeeded).ToList();
        Assert.Single(succeeded);
        Assert.Single(conflicted);
        await Expect(succeeded[0].Locator("#melding")).ToContainTextAsync("is afgerond");
        await Expect(conflicted[0].Locator("#conflict")).ToContainTextAsync("De taak is al afgerond of gewijzigd door iemand anders.");
        await Browser.AssertAccessibleAsync(conflicted[0], "task page with conflict");
    }

    [Fact]
    public async Task CasePage_ConcernedManager_DoesNotSeeTheCaseOrItsTasks()
    {
        var (id, reference) = await app.RegisterAsync(manager: "leidinggevende");
        var taskId = await app.OpenTaskAsync("directeur", reference, "Bevestig de ontvangst van de klacht schriftelijk");
        var manager = await app.SignInAsync("leidinggevende");

        await manager.OpenPageAsync($"/klachten/{id}", expectedStatus: 404);
        await Expect(manager.Locator("h1")).ToHaveTextAsync("Niet gevonden");
        await Browser.AssertAccessibleAsync(manager, "not found");
        await manager.OpenPageAsync($"/taken/{taskId}", expectedStatus: 404);
        await manager.OpenPageAsync("/klachten");
        await Expect(manager.GetByText(reference)).ToHaveCountAsync(0);

        var director = await app.SignInAsync("directeur");
        await director.OpenPageAsync($"/klachten/{id}", expectedStatus: 200);
    }

    [Fact]
    public async Task Overview_Director_ShowsFiguresAndDownloadsCsv_MedewerkerHasNoAccess()
    {
        await app.RegisterAsync();
        var director = await app.SignInAsync("directeur");
        await director.OpenAsync(app, "/overzicht", "overview");
        await Expect(director.GetByRole(AriaRole.Heading, new() { Name = "Overzicht klachtenafhandeling" })).ToBeVisibleAsync();
        await director.ScreenshotAsync("overview");
        await director.OpenAsync(app, "/klachten", "complaints list");

        await director.OpenPageAsync("/overzicht");
        var download = await director.RunAndWaitForDownloadAsync(() => director.Locator("#csv").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("Onderdeel;Categorie;Waarde", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Matches("Ontvangen;Totaal;[1-9]", csv);

        var medewerker = await app.SignInAsync("medewerker");
        await medewerker.OpenPageAsync("/overzicht");
        await Expect(medewerker.Locator("h1")).ToHaveTextAsync("Geen toegang");
        await Browser.AssertAccessibleAsync(medewerker, "no access");
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsDutchMessage()
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.Address.ToString() });
        var page = await context.NewPageAsync();
        await page.OpenAsync(app, "/aanmelden", "sign-in");
        await page.GetByLabel("Gebruikersnaam").FillAsync("directeur");
        await page.GetByLabel("Wachtwoord").FillAsync("fout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await Expect(page.Locator("#aanmelden-fout")).ToHaveTextAsync("De gebruikersnaam of het wachtwoord klopt niet.");
    }

    [Fact]
    public async Task Api_WithoutCredentials_Gets401ProblemNotTheSignInPage()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Address };

        var api = await client.GetAsync("/api/tasks");
        var page = await client.GetAsync("/");
        var form = await client.PostAsync("/aanmelden", new FormUrlEncodedContent(new Dictionary<string, string> { ["gebruikersnaam"] = "directeur", ["wachtwoord"] = "directeur" }));

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/aanmelden", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
    }
}
