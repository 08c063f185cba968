using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Procedure;
using Klachten.Server.Tests.Support;
using Klachten.Server.Tests.Web;

namespace Klachten.Server.Tests.Security;

/// <summary>
/// Issue 13 item 6: the API changes state only for an API key or a bearer token. A signed-in browser session may read
/// the API but not post to it, so a forged cross-site request has nothing to ride on.
/// </summary>
public sealed class ApiCookieTests(SqliteManualClockServerFixture fixture) : IClassFixture<SqliteManualClockServerFixture>
{
    [Fact]
    public async Task ClaimWithTheSessionCookie_IsRefusedWith401AndChangesNothing()
    {
        var driver = new ProcedureDriver(fixture.Factory);
        var complaint = await driver.RegisterAsync(ProcedureDriver.Complaint(await driver.TodayAsync()), user: "directeur");
        var task = (await driver.TasksAsync("directeur", complaint)).Single(t => (string?)t["title"] == Titles.Receipt);
        using var session = await WebSession.SignInAsync(fixture.Factory, "directeur");

        using var read = await session.Client.GetAsync("/api/tasks?scope=role");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        // Even with the page's anti-forgery token in the header the cookie does not authenticate a change.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{task["id"]}/claim");
        request.Headers.Add("RequestVerificationToken", await session.TokenAsync("/afmelden"));
        using var refused = await session.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Null((await driver.TasksAsync("directeur", complaint)).Single(t => (string?)t["title"] == Titles.Receipt)["assignee"]);

        using var elsa = await session.Client.PostAsync("/elsa/api/workflow-definitions", ElsaJson.Body(new JsonObject()));
        Assert.Equal(HttpStatusCode.Unauthorized, elsa.StatusCode);

        using var withKey = await fixture.Factory.As("directeur").PostAsync($"/api/tasks/{task["id"]}/claim", null);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Equal("directeur", (string?)(await driver.TasksAsync("directeur", complaint)).Single(t => (string?)t["title"] == Titles.Receipt)["assignee"]);
    }

    [Fact]
    public async Task StudioToken_FromTheSession_StillWorksForStudioChanges()
    {
        using var session = await WebSession.SignInAsync(fixture.Factory, "procesbeheerder");
        var token = (await session.Client.GetFromJsonAsync<JsonObject>("/studio/token"))!["token"]!.GetValue<string>();
        using var client = fixture.Factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Bearer {token}");

        using var response = await client.PostAsync("/elsa/api/workflow-definitions", ElsaJson.Body(ElsaJson.SaveRequest(ElsaJson.Definition(ElsaJson.NewDefinitionId()))));

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
