using System.Diagnostics;
using Klachten.Testing.Browser;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Klachten.Web.Tests.Oidc;

[Collection(OidcCollection.Name)]
public sealed class OidcSignInTests(OidcAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task SignIn_ThroughOidcProviderWithPkce_InboxShowsDisplayNameAndRoleFromGroupMap()
    {
        var page = await app.NewPageAsync();
        var seenBefore = app.Provider.Authorizations.Count;
        var roundTrip = Stopwatch.StartNew();

        await page.OpenPageAsync("/");
        var toProvider = roundTrip.Elapsed;
        var back = await app.LogInAtProviderAsync(page, OidcAppFixture.Director);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Takenlijst", Level = 1 })).ToBeVisibleAsync();
        roundTrip.Stop();

        await Expect(page.Locator(".gebruiker")).ToContainTextAsync("Aangemeld als Dina de Vries");
        // Overzicht is for directeur and beheerder only: the role came from the group klachten-directeuren.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Overzicht" })).ToBeVisibleAsync();
        var seen = app.Provider.Authorizations.Skip(seenBefore).ToList();
        Assert.NotEmpty(seen);
        Assert.All(seen, a =>
        {
            Assert.Equal(TestOidcProvider.ClientId, a.ClientId);
            Assert.Equal("S256", a.CodeChallengeMethod);
            Assert.Equal(43, a.CodeChallenge?.Length); // base64url of a SHA-256 hash
        });
        var cookies = await page.Context.CookiesAsync([app.Address.ToString()]);
        var session = Assert.Single(cookies, c => c.Name.StartsWith("klachten.sessie", StringComparison.Ordinal));
        Assert.True(session.Value.Length < 4000, $"The session cookie is {session.Value.Length} characters; it should keep only the ID token.");
        output.WriteLine($"First sign-in {roundTrip.ElapsedMilliseconds} ms: app → provider login form {toProvider.TotalMilliseconds:0} ms, "
            + $"login → back in the app's inbox {back.TotalMilliseconds:0} ms; session cookie {session.Value.Length} characters");
        await PrintWarmSignInAsync();
    }

    private async Task PrintWarmSignInAsync()
    {
        var page = await app.NewPageAsync();
        var roundTrip = Stopwatch.StartNew();
        await page.OpenPageAsync("/");
        var toProvider = roundTrip.Elapsed;
        var back = await app.LogInAtProviderAsync(page, OidcAppFixture.Director);
        await Expect(page.Locator(".gebruiker")).ToContainTextAsync("Dina de Vries");
        output.WriteLine($"Second sign-in {roundTrip.ElapsedMilliseconds} ms: app → provider login form {toProvider.TotalMilliseconds:0} ms, "
            + $"login → back in the app's inbox {back.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task SignOut_AfterOidcSignIn_EndsTheProviderSessionSoTheNextVisitAsksToLogInAgain()
    {
        var page = await app.NewPageAsync();
        await page.OpenPageAsync("/");
        await app.LogInAtProviderAsync(page, OidcAppFixture.Director);
        await Expect(page.Locator(".gebruiker")).ToContainTextAsync("Dina de Vries");
        var endSessionsBefore = app.Provider.EndSessions.Count;

        var signOut = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Button, new() { Name = "Afmelden" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).Authority == app.Address.Authority && new Uri(url).AbsolutePath == "/afmelden");
        await Expect(page.Locator("#afgemeld")).ToContainTextAsync("U bent afgemeld.");
        signOut.Stop();
        var endSession = Assert.Single(app.Provider.EndSessions.Skip(endSessionsBefore));
        Assert.True(endSession.HadIdTokenHint, "The end-session request carried no id_token_hint.");
        Assert.Equal(new Uri(app.Address, "/signout-callback-oidc").AbsoluteUri, endSession.PostLogoutRedirectUri);

        var loginFormsBefore = app.Provider.LoginFormsShown;
        await page.OpenPageAsync("/klachten");
        await page.WaitForURLAsync(url => url.StartsWith(new Uri(app.Provider.Issuer, "/login").AbsoluteUri, StringComparison.Ordinal));
        await Expect(page.GetByLabel("User name")).ToBeVisibleAsync();
        Assert.Equal(loginFormsBefore + 1, app.Provider.LoginFormsShown);
        output.WriteLine($"Sign-out round trip (app → provider end-session → app): {signOut.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task SignIn_CancelledAtProvider_SeesDutchMessageWithRetryLinkNotAnError()
    {
        var page = await app.NewPageAsync();
        await page.OpenPageAsync("/klachten");
        await page.WaitForURLAsync(url => url.StartsWith(new Uri(app.Provider.Issuer, "/login").AbsoluteUri, StringComparison.Ordinal));

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/geen-toegang");
        await Expect(page.Locator("#aanmelden-mislukt")).ToContainTextAsync("Aanmelden bij de organisatie is niet gelukt.");
        await Browser.AssertAccessibleAsync(page, "aanmelden mislukt");
        await page.GetByRole(AriaRole.Link, new() { Name = "Opnieuw aanmelden" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(new Uri(app.Provider.Issuer, "/login").AbsoluteUri, StringComparison.Ordinal));
        await Expect(page.GetByLabel("User name")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignIn_UserWhoseGroupsMapToNoRole_SeesDutchNoAccessPageWithoutLoop()
    {
        var page = await app.NewPageAsync();
        var seenBefore = app.Provider.Authorizations.Count;

        await page.OpenPageAsync("/");
        await app.LogInAtProviderAsync(page, OidcAppFixture.Guest);

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/geen-toegang");
        await Expect(page.Locator("#geen-rol")).ToContainTextAsync("Uw account heeft geen rol in de klachtenafhandeling.");
        await Expect(page.Locator("#geen-rol")).ToContainTextAsync("Gijs Gast");
        // Once to the login form, once back with the provider's session: no third round.
        Assert.Equal(seenBefore + 2, app.Provider.Authorizations.Count);
        await Browser.AssertAccessibleAsync(page, "geen toegang zonder rol");

        await page.OpenPageAsync("/klachten", expectedStatus: 200);
        Assert.Equal("/geen-toegang", new Uri(page.Url).AbsolutePath);
        await page.ScreenshotAsync("oidc-geen-toegang");
    }
}
