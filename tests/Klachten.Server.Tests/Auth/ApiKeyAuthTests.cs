using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Auth;

/// <summary>API keys and roles as the HTTP contract states them: 401 without a valid key, 403 for a role that may not.</summary>
public abstract class ApiKeyAuthTests(ServerFixture fixture)
{
    private const string ListUrl = "/elsa/api/workflow-definitions";
    private readonly KlachtenFactory _factory = fixture.Factory;

    [Fact]
    public async Task Get_WithoutKey_Returns401Problem()
    {
        var response = await _factory.CreateClient(apiKey: null).GetAsync(ListUrl);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Niet aangemeld", (string?)(await response.ReadObjectAsync())["title"]);
    }

    [Fact]
    public async Task Get_WrongKey_Returns401() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient("dev-niemand").GetAsync(ListUrl)).StatusCode);

    [Fact]
    public async Task Get_BearerInsteadOfApiKey_Returns401()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer dev-procesbeheerder");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(ListUrl)).StatusCode);
    }

    [Theory]
    [InlineData("medewerker")]
    [InlineData("leidinggevende")]
    [InlineData("directeur")]
    [InlineData("commissie")]
    public async Task Save_StaffWithoutProcessRole_Returns403AndStoresNothing(string user)
    {
        var id = ElsaJson.NewDefinitionId();

        var response = await _factory.As(user).SaveAsync(ElsaJson.Definition(id));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Geen toegang", (string?)(await response.ReadObjectAsync())["title"]);
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.As("procesbeheerder").GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("procesbeheerder")]
    [InlineData("beheerder")]
    public async Task Save_ProcessOwnerOrAdministrator_IsAllowed(string user) =>
        Assert.Equal(HttpStatusCode.OK, (await _factory.As(user).SaveAsync(ElsaJson.Definition(ElsaJson.NewDefinitionId()))).StatusCode);

    [Fact]
    public async Task Publish_Medewerker_Returns403() =>
        Assert.Equal(HttpStatusCode.Forbidden, (await _factory.As("medewerker").PublishAsync("klachtenprocedure")).StatusCode);

    [Fact]
    public async Task Get_Medewerker_CanReadButGetsNoEditLinks()
    {
        var definition = await _factory.As("medewerker").GetFromJsonAsync<JsonObject>("/elsa/api/workflow-definitions/by-definition-id/klachtenprocedure?versionOptions=Published");

        Assert.DoesNotContain(definition!["links"]!.AsArray(), l => (string?)l!["rel"] == "publish");
    }

    [Fact]
    public async Task Get_UnknownDefinition_Returns404Problem()
    {
        var response = await _factory.As("procesbeheerder").GetAsync("/elsa/api/workflow-definitions/by-definition-id/bestaat-niet");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Niet gevonden", (string?)(await response.ReadObjectAsync())["title"]);
    }

    [Fact]
    public async Task Database_StoresKeysHashedOnly()
    {
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();

        var hashes = await db.ApiKeys.Select(k => k.KeyHash).ToListAsync();

        Assert.NotEmpty(hashes);
        Assert.All(hashes, h => Assert.Matches("^[0-9a-f]{64}$", h));
        Assert.DoesNotContain(hashes, h => h.Contains("dev-", StringComparison.Ordinal));
    }
}

public sealed class SqliteApiKeyAuthTests(SqliteServerFixture fixture)
    : ApiKeyAuthTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgreSqlApiKeyAuthTests(PostgreSqlServerFixture fixture)
    : ApiKeyAuthTests(fixture), IClassFixture<PostgreSqlServerFixture>;
