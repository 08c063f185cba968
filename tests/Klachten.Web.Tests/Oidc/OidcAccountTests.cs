using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Klachten.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Klachten.Web.Tests.Oidc;

/// <summary>
/// Staff accounts with OpenID Connect in production: created at the first sign-in with the roles the provider's
/// claims map to, and from then on administered in the app, with effect on open sessions at once.
/// </summary>
[Collection(OidcCollection.Name)]
public sealed class OidcAccountTests(OidcAppFixture app)
{
    [Fact]
    public async Task FirstSignIn_CreatesTheAccountWithTheMappedRole_AndRecordsIt()
    {
        using var admin = app.Administrator();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/admin/users/{OidcAppFixture.CommitteeMember}")).StatusCode);
        var page = await app.NewPageAsync();

        await page.OpenPageAsync("/");
        await app.LogInAtProviderAsync(page, OidcAppFixture.CommitteeMember);

        await Expect(page.Locator(".gebruiker")).ToContainTextAsync("Kim Kommissie");
        var account = (await admin.GetFromJsonAsync<JsonObject>($"/api/admin/users/{OidcAppFixture.CommitteeMember}"))!;
        Assert.Equal("Kim Kommissie", (string?)account["displayName"]);
        Assert.Equal(["klachtencommissie"], account["roles"]!.AsArray().Select(r => (string)r!));
        Assert.NotNull(account["lastSignInAt"]);
        var trail = (await admin.GetFromJsonAsync<JsonObject>($"/api/admin/audit?userName={OidcAppFixture.CommitteeMember}"))!["items"]!.AsArray();
        var row = Assert.Single(trail)!;
        Assert.Equal("UserProvisioned", (string?)row["action"]);
        Assert.Equal("openid-connect", (string?)row["actor"]);

        // Disabled in the app: the open session ends at the next page, and signing in again at the provider is refused.
        await PatchAsync(admin, OidcAppFixture.CommitteeMember, new JsonObject { ["disabled"] = true });
        await page.GotoAsync("/klachten");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/geen-toegang");
        await Expect(page.Locator("#account-uitgeschakeld")).ToContainTextAsync("Uw account in de klachtenafhandeling is uitgeschakeld.");
        await Browser.AssertAccessibleAsync(page, "account uitgeschakeld");
        var cookies = await page.Context.CookiesAsync([app.Address.ToString()]);
        Assert.DoesNotContain(cookies, c => c.Name.StartsWith("klachten.sessie", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARoleGivenInTheApp_TakesEffectInTheOpenSession()
    {
        var page = await app.NewPageAsync();
        await page.OpenPageAsync("/");
        await app.LogInAtProviderAsync(page, OidcAppFixture.Newcomer);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/geen-toegang");
        await Expect(page.Locator("#geen-rol")).ToContainTextAsync("Nina Nieuw");
        using var admin = app.Administrator();

        await PatchAsync(admin, OidcAppFixture.Newcomer, new JsonObject { ["roles"] = new JsonArray("medewerker") });
        await page.OpenPageAsync("/klachten", expectedStatus: 200);

        Assert.Equal("/klachten", new Uri(page.Url).AbsolutePath);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Klachten");
        var trail = (await admin.GetFromJsonAsync<JsonObject>($"/api/admin/audit?userName={OidcAppFixture.Newcomer}"))!["items"]!.AsArray();
        Assert.Equal(["RolesChanged", "UserProvisioned"], trail.Select(r => (string)r!["action"]!));
        Assert.Equal("beheer", (string?)trail[0]!["actor"]);
    }

    private static async Task PatchAsync(HttpClient admin, string userName, JsonObject change)
    {
        using var body = new StringContent(change.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await admin.PatchAsync($"/api/admin/users/{userName}", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
