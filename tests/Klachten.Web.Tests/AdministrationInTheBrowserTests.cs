using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Klachten.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Klachten.Web.Tests;

/// <summary>
/// The beheerder's pages (<c>/beheer</c>) in a real browser, through their own buttons: accounts, roles, API keys
/// (shown once, copied, used, revoked), disabling a signed-in user, the last beheerder, and the trail of it all.
/// Each test makes accounts of its own; the one that disables a seeded account enables it again.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class AdministrationInTheBrowserTests(WebAppFixture app)
{
    [Fact]
    public async Task CreateUser_WithRoles_ShowsDutchFieldErrorsFirst_ThenTheAccountAndItsTrail()
    {
        var userName = Unique("nieuw");
        var beheerder = await app.SignInAsync("beheerder");
        await beheerder.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Beheer" }).ClickAsync();
        await Expect(beheerder.GetByRole(AriaRole.Heading, new() { Name = "Beheer", Exact = true })).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(beheerder, "administration");

        await beheerder.GetByLabel("Gebruikersnaam", new() { Exact = true }).FillAsync(userName);
        await beheerder.GetByLabel("Naam", new() { Exact = true }).FillAsync("Noor Nieuw");
        await beheerder.GetByLabel("E-mailadres").FillAsync("geen-adres");
        await beheerder.GetByRole(AriaRole.Button, new() { Name = "Gebruiker aanmaken" }).ClickAsync();

        await Expect(beheerder.Locator("#email-fout")).ToHaveTextAsync("Vul een geldig e-mailadres in (of laat het leeg).");
        await Expect(beheerder.GetByLabel("Naam", new() { Exact = true })).ToHaveValueAsync("Noor Nieuw");
        await Browser.AssertAccessibleAsync(beheerder, "administration with errors");
        await beheerder.GetByLabel("E-mailadres").FillAsync("noor@example.nl");
        await beheerder.GetByRole(AriaRole.Checkbox, new() { Name = "Medewerker", Exact = true }).CheckAsync();
        await beheerder.GetByRole(AriaRole.Checkbox, new() { Name = "Leidinggevende", Exact = true }).CheckAsync();
        await beheerder.GetByRole(AriaRole.Button, new() { Name = "Gebruiker aanmaken" }).ClickAsync();

        await beheerder.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/beheer/gebruikers/{userName}");
        await Expect(beheerder.Locator("#melding")).ToContainTextAsync($"Gebruiker {userName} is aangemaakt met de rollen: Medewerker, Leidinggevende.");
        await Browser.AssertAccessibleAsync(beheerder, "administration user");
        var account = await AccountAsync(userName);
        Assert.Equal("Noor Nieuw", (string?)account["displayName"]);
        Assert.Equal("noor@example.nl", (string?)account["email"]);
        Assert.Equal(["medewerker", "leidinggevende"], account["roles"]!.AsArray().Select(r => (string)r!));

        await beheerder.OpenPageAsync("/beheer");
        var row = beheerder.Locator("#gebruikers tbody tr").Filter(new() { HasText = userName });
        await Expect(row).ToContainTextAsync("Noor Nieuw");
        await Expect(row).ToContainTextAsync("Medewerker, Leidinggevende");
        await Expect(row).ToContainTextAsync("Actief");
        await beheerder.OpenAsync(app, "/beheer/logboek", "administration trail");
        await Expect(TrailRow(beheerder, userName, "Gebruiker aangemaakt")).ToContainTextAsync("beheerder");
        await Expect(TrailRow(beheerder, userName, "Gebruiker aangemaakt")).ToContainTextAsync("rollen: medewerker, leidinggevende");
    }

    [Fact]
    public async Task ApiKey_IsShownOnceCopiedWorksShowsLastUseAndStopsWorkingWhenRevoked()
    {
        var userName = Unique("koppeling");
        await CreateAccountAsync(userName, "Koen Koppeling", "medewerker");
        var beheerder = await app.SignInAsync("beheerder");
        await beheerder.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = app.Address.GetLeftPart(UriPartial.Authority) });
        await beheerder.OpenPageAsync("/beheer");
        await beheerder.Locator("#gebruikers tbody tr").Filter(new() { HasText = userName }).GetByRole(AriaRole.Link, new() { Name = "Koen Koppeling" }).ClickAsync();

        await beheerder.GetByLabel("Naam van de sleutel").FillAsync("zaaksysteem");
        var shown = await beheerder.RunAndWaitForResponseAsync(
            () => beheerder.GetByRole(AriaRole.Button, new() { Name = "Sleutel aanmaken" }).ClickAsync(),
            r => r.Request.Method == "POST");

        // The answer to the POST itself shows the secret, and no cache may keep it.
        Assert.Equal(200, shown.Status);
        Assert.Contains("no-store", (await shown.AllHeadersAsync())["cache-control"], StringComparison.Ordinal);
        var field = beheerder.GetByLabel("API-sleutel", new() { Exact = true });
        await Expect(field).ToHaveValueAsync(new Regex("^kw_"));
        var secret = await field.InputValueAsync();
        Assert.DoesNotContain(secret, beheerder.Url, StringComparison.Ordinal);
        await Browser.AssertAccessibleAsync(beheerder, "administration new key");
        await beheerder.GetByRole(AriaRole.Button, new() { Name = "Kopiëren" }).ClickAsync();
        await Expect(beheerder.Locator("#kopieer-status")).ToHaveTextAsync("De sleutel is gekopieerd.");
        Assert.Equal(secret, await beheerder.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        // Shown once: a reload posts the form again, which the active key's name refuses (no second key, no secret);
        // a later visit does not show it either.
        var reloaded = await beheerder.ReloadAsync();
        Assert.Equal(("POST", 409), (reloaded!.Request.Method, reloaded.Status));
        await Expect(beheerder.Locator("#fout")).ToContainTextAsync("heeft al een actieve sleutel 'zaaksysteem'");
        Assert.DoesNotContain(secret, await beheerder.ContentAsync(), StringComparison.Ordinal);
        await beheerder.OpenPageAsync($"/beheer/gebruikers/{userName}");
        Assert.DoesNotContain(secret, await beheerder.ContentAsync(), StringComparison.Ordinal);
        await Expect(beheerder.GetByLabel("API-sleutel", new() { Exact = true })).ToHaveCountAsync(0);
        var keyRow = beheerder.Locator("#sleutels tbody tr").Filter(new() { HasText = "zaaksysteem" });
        await Expect(keyRow).ToHaveCountAsync(1);
        await Expect(keyRow.Locator("td[data-label='Laatst gebruikt']")).ToHaveTextAsync("nog niet");

        using var api = new HttpClient { BaseAddress = app.Address };
        api.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"ApiKey {secret}");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/tasks")).StatusCode);
        await beheerder.OpenPageAsync($"/beheer/gebruikers/{userName}");
        await Expect(keyRow.Locator("td[data-label='Laatst gebruikt']")).ToHaveTextAsync(await TodayInDutchAsync());

        await keyRow.GetByRole(AriaRole.Button, new() { Name = "Sleutel zaaksysteem intrekken" }).ClickAsync();
        await Expect(beheerder.Locator("#melding")).ToContainTextAsync("De API-sleutel 'zaaksysteem' is ingetrokken");
        await Expect(keyRow).ToContainTextAsync("Ingetrokken");
        await Expect(keyRow.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/tasks")).StatusCode);

        await beheerder.OpenPageAsync("/beheer/logboek");
        await Expect(TrailRow(beheerder, userName, "API-sleutel aangemaakt")).ToContainTextAsync("beheerder");
        await Expect(TrailRow(beheerder, userName, "API-sleutel aangemaakt")).ToHaveCountAsync(1);
        await Expect(TrailRow(beheerder, userName, "API-sleutel ingetrokken")).ToContainTextAsync("sleutel: zaaksysteem");
    }

    [Fact]
    public async Task DisableUser_WhileSignedInElsewhere_EndsTheirSessionAndSignIn_UntilEnabledAgain()
    {
        // A seeded account: only those have a password for the Development sign-in form.
        const string userName = "commissie";
        try
        {
            var member = await app.SignInAsync(userName);
            var beheerder = await app.SignInAsync("beheerder");
            await beheerder.OpenPageAsync($"/beheer/gebruikers/{userName}");

            await beheerder.GetByRole(AriaRole.Button, new() { Name = "Uitschakelen" }).ClickAsync();

            await Expect(beheerder.Locator("#melding")).ToContainTextAsync($"Gebruiker {userName} is uitgeschakeld");
            await Expect(beheerder.Locator("#account")).ToContainTextAsync("Uitgeschakeld");
            await member.OpenPageAsync("/");
            Assert.Equal("/aanmelden", new Uri(member.Url).AbsolutePath);
            await member.GetByLabel("Gebruikersnaam").FillAsync(userName);
            await member.GetByLabel("Wachtwoord").FillAsync(userName);
            await member.GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
            await Expect(member.Locator("#aanmelden-fout")).ToHaveTextAsync("De gebruikersnaam of het wachtwoord klopt niet.");
            Assert.Equal("/aanmelden", new Uri(member.Url).AbsolutePath);

            await beheerder.GetByRole(AriaRole.Button, new() { Name = "Weer inschakelen" }).ClickAsync();

            await Expect(beheerder.Locator("#melding")).ToContainTextAsync($"Gebruiker {userName} is weer ingeschakeld.");
            Assert.False((bool)(await AccountAsync(userName))["disabled"]!);
            var again = await app.SignInAsync(userName);
            await Expect(again.Locator("h1")).ToHaveTextAsync("Takenlijst");
            await beheerder.OpenPageAsync("/beheer/logboek");
            await Expect(TrailRow(beheerder, userName, "Gebruiker uitgeschakeld").First).ToContainTextAsync("beheerder");
            await Expect(TrailRow(beheerder, userName, "Gebruiker ingeschakeld").First).ToContainTextAsync("beheerder");
        }
        finally
        {
            using var api = app.Api("beheerder");
            (await api.PatchAsJsonAsync($"/api/admin/users/{userName}", new JsonObject { ["disabled"] = false })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task LastBeheerder_RemovingTheirOwnRole_IsRefusedInDutch_AndNothingChanges()
    {
        using var api = app.Api("beheerder");
        var users = (await api.GetFromJsonAsync<JsonObject>("/api/admin/users"))!["items"]!.AsArray();
        var administrators = users.Where(u => !(bool)u!["disabled"]! && u!["roles"]!.AsArray().Any(r => (string?)r == "beheerder")).Select(u => (string)u!["userName"]!).ToList();
        Assert.Equal(["beheerder"], administrators);
        var beheerder = await app.SignInAsync("beheerder");
        await beheerder.OpenPageAsync("/beheer/gebruikers/beheerder");

        await beheerder.GetByRole(AriaRole.Checkbox, new() { Name = "Beheerder", Exact = true }).UncheckAsync();
        await beheerder.GetByRole(AriaRole.Checkbox, new() { Name = "Directeur", Exact = true }).CheckAsync();
        var response = await beheerder.RunAndWaitForResponseAsync(
            () => beheerder.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.Equal(409, response.Status);
        await Expect(beheerder.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Er moet minstens één actieve beheerder blijven. Wijs eerst iemand anders de rol beheerder toe.");
        await Expect(beheerder.GetByRole(AriaRole.Checkbox, new() { Name = "Beheerder", Exact = true })).ToBeCheckedAsync();
        await Browser.AssertAccessibleAsync(beheerder, "administration refusal");
        await beheerder.ScreenshotAsync("administration-last-beheerder");
        Assert.Equal(["beheerder"], (await AccountAsync("beheerder"))["roles"]!.AsArray().Select(r => (string)r!));
        await beheerder.OpenPageAsync("/beheer/logboek");
        await Expect(TrailRow(beheerder, "beheerder", "Rollen gewijzigd")).ToHaveCountAsync(0);
        await Expect(beheerder.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Beheer" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AdministrationPages_FitA390PxScreenAnd1280_Accessible_ScreenshotsTaken()
    {
        var userName = Unique("breedte");
        await CreateAccountAsync(userName, "Bram Breedte", "medewerker", "leidinggevende", "directeur", "klachtencommissie", "procesbeheerder");
        var beheerder = await app.SignInAsync("beheerder");
        foreach (var (width, height) in new[] { (1280, 900), (390, 844) })
        {
            await beheerder.SetViewportSizeAsync(width, height);
            foreach (var (path, name) in new[] { ("/beheer", "administration"), ($"/beheer/gebruikers/{userName}", "administration-user"), ("/beheer/logboek", "administration-trail") })
            {
                await beheerder.OpenAsync(app, path, $"{name} ({width} px)");
                await Browser.AssertFitsWidthAsync(beheerder, $"{name} ({width} px)");
                // Only script files: the policy (SecurityHeaders) allows no inline script.
                Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)|\\son(click|load)=", await beheerder.ContentAsync());
                await beheerder.ScreenshotAsync($"{name}-{width}");
            }

            await beheerder.OpenPageAsync($"/beheer/gebruikers/{userName}");
            await beheerder.GetByLabel("Naam van de sleutel").FillAsync($"sleutel {width}");
            await beheerder.GetByRole(AriaRole.Button, new() { Name = "Sleutel aanmaken" }).ClickAsync();
            await Expect(beheerder.GetByLabel("API-sleutel", new() { Exact = true })).ToBeVisibleAsync();
            await Browser.AssertFitsWidthAsync(beheerder, $"administration new key ({width} px)");
            await Browser.AssertAccessibleAsync(beheerder, $"administration new key ({width} px)");
            await beheerder.ScreenshotAsync($"administration-new-key-{width}");
        }
    }

    [Fact]
    public async Task Medewerker_OpeningBeheer_GetsTheNoAccessPageAndNoMenuLink()
    {
        var medewerker = await app.SignInAsync("medewerker");
        await Expect(medewerker.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Beheer" })).ToHaveCountAsync(0);

        foreach (var path in new[] { "/beheer", "/beheer/gebruikers/medewerker", "/beheer/logboek" })
        {
            await medewerker.OpenPageAsync(path);
            Assert.Equal("/geen-toegang", new Uri(medewerker.Url).AbsolutePath);
            await Expect(medewerker.Locator("h1")).ToHaveTextAsync("Geen toegang");
        }
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    /// <summary>The trail's rows of one account and one kind of change (the trail lists other tests' rows too).</summary>
    private static ILocator TrailRow(IPage page, string userName, string action) =>
        page.Locator("#logboek tbody tr")
            .Filter(new() { Has = page.Locator("td[data-label='Gebruiker']", new() { HasTextRegex = new($"^{Regex.Escape(userName)}$") }) })
            .Filter(new() { Has = page.Locator("td[data-label='Wijziging']", new() { HasTextString = action }) });

    private async Task<JsonObject> AccountAsync(string userName)
    {
        using var api = app.Api("beheerder");
        return (await api.GetFromJsonAsync<JsonObject>($"/api/admin/users/{userName}"))!;
    }

    private async Task CreateAccountAsync(string userName, string displayName, params string[] roles)
    {
        using var api = app.Api("beheerder");
        var body = new JsonObject { ["userName"] = userName, ["displayName"] = displayName, ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode?)r)]) };
        (await api.PostAsJsonAsync("/api/admin/users", body)).EnsureSuccessStatusCode();
    }

    /// <summary>An instant of today as the pages write it ("7 december 2026, 09:15"), on the server's (manual) clock.</summary>
    private async Task<Regex> TodayInDutchAsync()
    {
        var today = (await app.TodayAsync()).ToString("d MMMM yyyy", new CultureInfo("nl-NL"));
        return new Regex($"^{Regex.Escape(today)}, \\d{{2}}:\\d{{2}}$");
    }
}
