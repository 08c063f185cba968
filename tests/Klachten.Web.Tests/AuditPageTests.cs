using Klachten.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Klachten.Web.Tests;

/// <summary>The beheerder's audit page of a complaint (<c>/klachten/{id}/inzage</c>) in a real browser.</summary>
[Collection(WebAppCollection.Name)]
public sealed class AuditPageTests(WebAppFixture app)
{
    [Fact]
    public async Task AuditPage_BeheerderFollowsTheCaseLink_ShowsTheViewsAndRefusalsInDutch()
    {
        var (id, reference) = await app.RegisterAsync();
        var manager = await app.SignInAsync("leidinggevende");
        await manager.OpenPageAsync($"/klachten/{id}", expectedStatus: 404);
        var beheerder = await app.SignInAsync("beheerder");
        await beheerder.OpenPageAsync($"/klachten/{id}");

        await beheerder.GetByRole(AriaRole.Link, new() { Name = "Inzagelogboek: wie heeft deze klacht bekeken" }).ClickAsync();

        await Expect(beheerder.GetByRole(AriaRole.Heading, new() { Name = $"Inzagelogboek klacht {reference}" })).ToBeVisibleAsync();
        var rows = beheerder.Locator("#inzage tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync("leidinggevende");
        await Expect(rows.Nth(0)).ToContainTextAsync("Geweigerd");
        await Expect(rows.Nth(1)).ToContainTextAsync("beheerder");
        await Expect(rows.Nth(1)).ToContainTextAsync("Klacht bekeken");
        await app.RecordLoadTimeAsync(beheerder, "audit");
        await Browser.AssertAccessibleAsync(beheerder, "audit");
    }

    [Fact]
    public async Task AuditPage_Director_HasNoLinkAndNoAccess()
    {
        var (id, _) = await app.RegisterAsync();
        var director = await app.SignInAsync("directeur");
        await director.OpenPageAsync($"/klachten/{id}");
        await Expect(director.GetByRole(AriaRole.Link, new() { Name = "Inzagelogboek: wie heeft deze klacht bekeken" })).ToHaveCountAsync(0);

        await director.OpenPageAsync($"/klachten/{id}/inzage");

        await Expect(director.Locator("h1")).ToHaveTextAsync("Geen toegang");
    }
}
