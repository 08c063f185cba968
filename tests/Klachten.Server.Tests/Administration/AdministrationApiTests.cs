using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Administration;

/// <summary>
/// <c>/api/admin</c> as a beheerder's script uses it: accounts, roles, keys (shown once, last use, revocation) and the
/// trail of every change, with the effect of each change checked through the key it concerns.
/// </summary>
public abstract class AdministrationApiTests(ManualClockServerFixture fixture)
{
    private readonly KlachtenFactory _factory = fixture.Factory;
    private readonly AdminApi _api = new(fixture.Factory);

    private HttpClient Admin => _factory.As("beheerder");

    [Fact]
    public async Task CreateUser_IsListedAndRecorded()
    {
        var userName = AdminApi.NewName();

        using var response = await Admin.PostAsync("/api/admin/users", AdminApi.Json(new JsonObject
        {
            ["userName"] = userName, ["displayName"] = "Anna Admin", ["email"] = "anna@integratiewerk.test",
            ["roles"] = new JsonArray("directeur", "medewerker"),
        }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var user = await _api.GetAsync($"/api/admin/users/{userName}");
        Assert.Equal("Anna Admin", (string?)user["displayName"]);
        Assert.Equal("anna@integratiewerk.test", (string?)user["email"]);
        Assert.Equal(["medewerker", "directeur"], AdminApi.Roles(user));
        Assert.False((bool)user["disabled"]!);
        var listed = (await _api.GetAsync("/api/admin/users"))["items"]!.AsArray().Where(u => (string?)u!["userName"] == userName).ToList();
        Assert.Single(listed);
        var trail = await _api.TrailAsync(userName);
        Assert.Equal(["UserCreated"], trail.Select(a => (string)a["action"]!));
        Assert.Equal("beheerder", (string?)trail[0]["actor"]);
        Assert.Equal("rollen: medewerker, directeur", (string?)trail[0]["detail"]);
    }

    [Theory]
    [InlineData("""{"userName":"met spatie","displayName":"X","roles":["medewerker"]}""", "userName")]
    [InlineData("""{"userName":"ok-naam","displayName":"","roles":["medewerker"]}""", "displayName")]
    [InlineData("""{"userName":"ok-naam","displayName":"X","email":"geen-adres","roles":["medewerker"]}""", "email")]
    [InlineData("""{"userName":"ok-naam","displayName":"X","roles":["koning"]}""", "roles")]
    [InlineData("""{"userName":"ok-naam","displayName":"X","roles":[]}""", "roles")]
    public async Task CreateUser_InvalidField_Returns400NamingIt_AndStoresNothing(string body, string field)
    {
        using var response = await Admin.PostAsync("/api/admin/users", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadObjectAsync();
        Assert.Equal([field], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync("/api/admin/users/ok-naam")).StatusCode);
    }

    [Theory]
    [InlineData("""{"roles":"beheerder"}""")]
    [InlineData("""{"disabled":"ja"}""")]
    [InlineData("""{"displayName":42}""")]
    [InlineData("""["medewerker"]""")]
    public async Task ChangeUser_WrongShape_Returns400_AndChangesNothing(string body)
    {
        var userName = await _api.CreateUserAsync("medewerker");

        using var response = await Admin.PatchAsync($"/api/admin/users/{userName}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var user = await _api.GetAsync($"/api/admin/users/{userName}");
        Assert.Equal(["medewerker"], AdminApi.Roles(user));
        Assert.False((bool)user["disabled"]!);
        Assert.Equal(["UserCreated"], (await _api.TrailAsync(userName)).Select(a => (string)a["action"]!));
    }

    [Fact]
    public async Task CreateUser_Twice_Returns409()
    {
        var userName = await _api.CreateUserAsync("medewerker");

        using var again = await Admin.PostAsync("/api/admin/users", AdminApi.Json(AdminApi.NewUser(userName, "directeur")));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(["medewerker"], AdminApi.Roles(await _api.GetAsync($"/api/admin/users/{userName}")));
    }

    [Fact]
    public async Task ChangedRoles_TakeEffectOnTheNextRequest()
    {
        var userName = await _api.CreateUserAsync("medewerker");
        var key = await _api.CreateKeyAsync(userName, "rollen");
        using var client = _factory.CreateClient(key.Key);
        using var before = await client.SaveAsync(ElsaJson.Definition(ElsaJson.NewDefinitionId()));
        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);

        await _api.PatchAsync(userName, new JsonObject { ["roles"] = new JsonArray("procesbeheerder") });
        using var save = await client.SaveAsync(ElsaJson.Definition(ElsaJson.NewDefinitionId()));
        Assert.Equal(HttpStatusCode.OK, save.StatusCode);

        await _api.PatchAsync(userName, new JsonObject { ["roles"] = new JsonArray("medewerker") });
        using var refused = await client.SaveAsync(ElsaJson.Definition(ElsaJson.NewDefinitionId()));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var changes = (await _api.TrailAsync(userName)).Where(a => (string?)a["action"] == "RolesChanged").Select(a => (string)a["detail"]!).Reverse();
        Assert.Equal(["rollen: medewerker → procesbeheerder", "rollen: procesbeheerder → medewerker"], changes);
    }

    [Fact]
    public async Task TheLastBeheerder_CannotRemoveTheirOwnRoleOrDisableThemselves()
    {
        var refused = await Admin.PatchAsync("/api/admin/users/beheerder", AdminApi.Json(new JsonObject { ["roles"] = new JsonArray("medewerker") }));
        var disable = await Admin.PatchAsync("/api/admin/users/beheerder", AdminApi.Json(new JsonObject { ["disabled"] = true }));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("minstens één actieve beheerder", (string?)(await refused.ReadObjectAsync())["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, disable.StatusCode);
        var self = await _api.GetAsync("/api/admin/users/beheerder");
        Assert.Equal(["beheerder"], AdminApi.Roles(self));
        Assert.False((bool)self["disabled"]!);
        Assert.Empty(await _api.TrailAsync("beheerder"));
    }

    [Fact]
    public async Task ABeheerder_MayRemoveTheirOwnRole_WhileAnotherRemains()
    {
        var second = await _api.CreateUserAsync("beheerder");
        var key = await _api.CreateKeyAsync(second, "beheer");
        using var client = _factory.CreateClient(key.Key);

        using var response = await client.PatchAsync($"/api/admin/users/{second}", AdminApi.Json(new JsonObject { ["roles"] = new JsonArray("directeur") }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/admin/users")).StatusCode);
        Assert.Equal(second, (string?)(await _api.TrailAsync(second))[0]["actor"]);
    }

    [Fact]
    public async Task UnknownUserOrKey_Returns404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PatchAsync("/api/admin/users/niemand-hier", AdminApi.Json(new JsonObject { ["disabled"] = true }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostAsync("/api/admin/api-keys", AdminApi.Json(new JsonObject { ["userName"] = "niemand-hier", ["name"] = "x" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostAsync($"/api/admin/api-keys/{Guid.NewGuid()}/revoke", AdminApi.Json(new JsonObject()))).StatusCode);
    }
}

public sealed class SqliteAdministrationApiTests(SqliteManualClockServerFixture fixture)
    : AdministrationApiTests(fixture), IClassFixture<SqliteManualClockServerFixture>;

public sealed class PostgreSqlAdministrationApiTests(PostgreSqlManualClockServerFixture fixture)
    : AdministrationApiTests(fixture), IClassFixture<PostgreSqlManualClockServerFixture>;
