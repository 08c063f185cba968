using System.Net;
using System.Net.Http.Json;
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

    private HttpClient Admin => _factory.As("beheerder");

    [Fact]
    public async Task CreateUser_IsListedAndRecorded()
    {
        var userName = NewName();

        using var response = await Admin.PostAsync("/api/admin/users", Json(new JsonObject
        {
            ["userName"] = userName, ["displayName"] = "Anna Admin", ["email"] = "anna@integratiewerk.test",
            ["roles"] = new JsonArray("directeur", "medewerker"),
        }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var user = await GetAsync($"/api/admin/users/{userName}");
        Assert.Equal("Anna Admin", (string?)user["displayName"]);
        Assert.Equal("anna@integratiewerk.test", (string?)user["email"]);
        Assert.Equal(["medewerker", "directeur"], Roles(user));
        Assert.False((bool)user["disabled"]!);
        var listed = (await GetAsync("/api/admin/users"))["items"]!.AsArray().Where(u => (string?)u!["userName"] == userName).ToList();
        Assert.Single(listed);
        var trail = await TrailAsync(userName);
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
        var userName = await CreateUserAsync("medewerker");

        using var response = await Admin.PatchAsync($"/api/admin/users/{userName}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var user = await GetAsync($"/api/admin/users/{userName}");
        Assert.Equal(["medewerker"], Roles(user));
        Assert.False((bool)user["disabled"]!);
        Assert.Equal(["UserCreated"], (await TrailAsync(userName)).Select(a => (string)a["action"]!));
    }

    [Fact]
    public async Task CreateUser_Twice_Returns409()
    {
        var userName = await CreateUserAsync("medewerker");

        using var again = await Admin.PostAsync("/api/admin/users", Json(NewUser(userName, "directeur")));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(["medewerker"], Roles(await GetAsync($"/api/admin/users/{userName}")));
    }

    [Fact]
    public async Task ApiKey_IsShownOnce_Works_AndStopsWorkingWhenRevoked()
    {
        var userName = await CreateUserAsync("directeur");

        using var created = await Admin.PostAsync("/api/admin/api-keys", Json(new JsonObject { ["userName"] = userName, ["name"] = "koppeling" }));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadObjectAsync();
        var key = (string)body["key"]!;
        Assert.StartsWith("kw_", key, StringComparison.Ordinal);
        Assert.True(key.Length >= 40, key);
        using var withKey = _factory.CreateClient(key);
        Assert.Equal(HttpStatusCode.OK, (await withKey.GetAsync("/api/tasks")).StatusCode);
        var listed = (await GetAsync($"/api/admin/api-keys?userName={userName}"))["items"]!.AsArray();
        var only = Assert.Single(listed)!.AsObject();
        Assert.Equal("koppeling", (string?)only["name"]);
        Assert.False(only.ContainsKey("key"));
        Assert.DoesNotContain(key, listed.ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull(only["lastUsedAt"]);

        using var revoked = await Admin.PostAsync($"/api/admin/api-keys/{body["id"]}/revoke", Json(new JsonObject()));

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.NotNull((await revoked.ReadObjectAsync())["revokedAt"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withKey.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(["UserCreated", "ApiKeyCreated", "ApiKeyRevoked"], (await TrailAsync(userName)).Select(a => (string)a["action"]!).Reverse());
    }

    [Fact]
    public async Task ApiKey_SameActiveName_Returns409_ButAfterRevocationTheNameIsFree()
    {
        var userName = await CreateUserAsync("medewerker");
        var first = await CreateKeyAsync(userName, "sleutel");

        using var duplicate = await Admin.PostAsync("/api/admin/api-keys", Json(new JsonObject { ["userName"] = userName, ["name"] = "sleutel" }));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);

        (await Admin.PostAsync($"/api/admin/api-keys/{first.Id}/revoke", Json(new JsonObject()))).EnsureSuccessStatusCode();
        var second = await CreateKeyAsync(userName, "sleutel");

        Assert.NotEqual(first.Key, second.Key);
        Assert.Equal(2, (await GetAsync($"/api/admin/api-keys?userName={userName}"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task ApiKey_LastUse_IsWrittenAtMostOnceAMinute()
    {
        var userName = await CreateUserAsync("medewerker");
        var key = await CreateKeyAsync(userName, "teller");
        using var client = _factory.CreateClient(key.Key);
        // A whole second, so the instants compare exactly after a round trip through either database.
        var now = await NowAsync();
        var start = new DateTimeOffset(now.UtcDateTime.Ticks - (now.UtcDateTime.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddMinutes(1);
        await SetClockAsync(start);

        (await client.GetAsync("/api/tasks")).EnsureSuccessStatusCode();
        var firstUse = await LastUsedAsync(userName);
        await SetClockAsync(start.AddSeconds(30));
        (await client.GetAsync("/api/tasks")).EnsureSuccessStatusCode();
        var within = await LastUsedAsync(userName);
        await SetClockAsync(start.AddMinutes(2));
        (await client.GetAsync("/api/tasks")).EnsureSuccessStatusCode();
        var later = await LastUsedAsync(userName);

        Assert.Equal(start, firstUse);
        Assert.Equal(firstUse, within);
        Assert.Equal(start.AddMinutes(2), later);
    }

    [Fact]
    public async Task DisablingAUser_StopsTheirKeys_AndEnablingRestoresThem()
    {
        var userName = await CreateUserAsync("medewerker");
        var key = await CreateKeyAsync(userName, "werk");
        using var client = _factory.CreateClient(key.Key);

        var disabled = await PatchAsync(userName, new JsonObject { ["disabled"] = true });
        Assert.True((bool)disabled["disabled"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tasks")).StatusCode);
        using var newKey = await Admin.PostAsync("/api/admin/api-keys", Json(new JsonObject { ["userName"] = userName, ["name"] = "nieuw" }));
        Assert.Equal(HttpStatusCode.Conflict, newKey.StatusCode);

        await PatchAsync(userName, new JsonObject { ["disabled"] = false });

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(["UserCreated", "ApiKeyCreated", "UserDisabled", "UserEnabled"], (await TrailAsync(userName)).Select(a => (string)a["action"]!).Reverse());
    }

    [Fact]
    public async Task ChangedRoles_TakeEffectOnTheNextRequest()
    {
        var userName = await CreateUserAsync("medewerker");
        var key = await CreateKeyAsync(userName, "rollen");
        using var client = _factory.CreateClient(key.Key);
        using var before = await client.SaveAsync(ElsaJson.Definition(ElsaJson.NewDefinitionId()));
        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);

        await PatchAsync(userName, new JsonObject { ["roles"] = new JsonArray("procesbeheerder") });
        using var save = await client.SaveAsync(ElsaJson.Definition(ElsaJson.NewDefinitionId()));
        Assert.Equal(HttpStatusCode.OK, save.StatusCode);

        await PatchAsync(userName, new JsonObject { ["roles"] = new JsonArray("medewerker") });
        using var refused = await client.SaveAsync(ElsaJson.Definition(ElsaJson.NewDefinitionId()));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var changes = (await TrailAsync(userName)).Where(a => (string?)a["action"] == "RolesChanged").Select(a => (string)a["detail"]!).Reverse();
        Assert.Equal(["rollen: medewerker → procesbeheerder", "rollen: procesbeheerder → medewerker"], changes);
    }

    [Fact]
    public async Task TheLastBeheerder_CannotRemoveTheirOwnRoleOrDisableThemselves()
    {
        var refused = await Admin.PatchAsync("/api/admin/users/beheerder", Json(new JsonObject { ["roles"] = new JsonArray("medewerker") }));
        var disable = await Admin.PatchAsync("/api/admin/users/beheerder", Json(new JsonObject { ["disabled"] = true }));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("minstens één actieve beheerder", (string?)(await refused.ReadObjectAsync())["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, disable.StatusCode);
        var self = await GetAsync("/api/admin/users/beheerder");
        Assert.Equal(["beheerder"], Roles(self));
        Assert.False((bool)self["disabled"]!);
        Assert.Empty(await TrailAsync("beheerder"));
    }

    [Fact]
    public async Task ABeheerder_MayRemoveTheirOwnRole_WhileAnotherRemains()
    {
        var second = await CreateUserAsync("beheerder");
        var key = await CreateKeyAsync(second, "beheer");
        using var client = _factory.CreateClient(key.Key);

        using var response = await client.PatchAsync($"/api/admin/users/{second}", Json(new JsonObject { ["roles"] = new JsonArray("directeur") }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/admin/users")).StatusCode);
        Assert.Equal(second, (string?)(await TrailAsync(second))[0]["actor"]);
    }

    [Fact]
    public async Task UnknownUserOrKey_Returns404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PatchAsync("/api/admin/users/niemand-hier", Json(new JsonObject { ["disabled"] = true }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostAsync("/api/admin/api-keys", Json(new JsonObject { ["userName"] = "niemand-hier", ["name"] = "x" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostAsync($"/api/admin/api-keys/{Guid.NewGuid()}/revoke", Json(new JsonObject()))).StatusCode);
    }

    private static string NewName() => $"adm-{Guid.NewGuid():N}"[..16];

    private static JsonObject NewUser(string userName, params string[] roles) =>
        new() { ["userName"] = userName, ["displayName"] = $"Test {userName}", ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode?)r)]) };

    private static StringContent Json(JsonNode node) => ElsaJson.Body(node);

    private static List<string> Roles(JsonObject user) => [.. user["roles"]!.AsArray().Select(r => (string)r!)];

    private async Task<string> CreateUserAsync(params string[] roles)
    {
        var userName = NewName();
        using var response = await Admin.PostAsync("/api/admin/users", Json(NewUser(userName, roles)));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return userName;
    }

    private async Task<(string Id, string Key)> CreateKeyAsync(string userName, string name)
    {
        using var response = await Admin.PostAsync("/api/admin/api-keys", Json(new JsonObject { ["userName"] = userName, ["name"] = name }));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.ReadObjectAsync();
        return ((string)body["id"]!, (string)body["key"]!);
    }

    private async Task<JsonObject> PatchAsync(string userName, JsonObject change)
    {
        using var response = await Admin.PatchAsync($"/api/admin/users/{userName}", Json(change));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadObjectAsync();
    }

    private async Task<JsonObject> GetAsync(string path)
    {
        using var response = await Admin.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadObjectAsync();
    }

    /// <summary>The audit rows about <paramref name="userName"/>, newest first.</summary>
    private async Task<List<JsonObject>> TrailAsync(string userName) =>
        [.. (await GetAsync($"/api/admin/audit?userName={userName}"))["items"]!.AsArray().Select(a => a!.AsObject())];

    private async Task<DateTimeOffset?> LastUsedAsync(string userName) =>
        (await GetAsync($"/api/admin/api-keys?userName={userName}"))["items"]![0]!["lastUsedAt"]?.GetValue<DateTimeOffset>();

    private async Task<DateTimeOffset> NowAsync() =>
        (await Admin.GetFromJsonAsync<JsonObject>("/api/dev/clock"))!["now"]!.GetValue<DateTimeOffset>();

    private async Task SetClockAsync(DateTimeOffset instant) =>
        (await Admin.PostAsync("/api/dev/clock", Json(new JsonObject { ["now"] = instant }))).EnsureSuccessStatusCode();
}

public sealed class SqliteAdministrationApiTests(SqliteManualClockServerFixture fixture)
    : AdministrationApiTests(fixture), IClassFixture<SqliteManualClockServerFixture>;

public sealed class PostgreSqlAdministrationApiTests(PostgreSqlManualClockServerFixture fixture)
    : AdministrationApiTests(fixture), IClassFixture<PostgreSqlManualClockServerFixture>;
