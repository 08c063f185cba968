using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Administration;

/// <summary>
/// API keys through <c>/api/admin/api-keys</c>: shown once, working at once, last use noted at most once a minute,
/// stopped by revocation and by disabling their account (with the account's Studio tokens).
/// </summary>
public abstract class ApiKeyAdministrationTests(ManualClockServerFixture fixture)
{
    private readonly KlachtenFactory _factory = fixture.Factory;
    private readonly AdminApi _api = new(fixture.Factory);

    private HttpClient Admin => _factory.As("beheerder");

    [Fact]
    public async Task ApiKey_IsShownOnce_Works_AndStopsWorkingWhenRevoked()
    {
        var userName = await _api.CreateUserAsync("directeur");

        using var created = await Admin.PostAsync("/api/admin/api-keys", AdminApi.Json(new JsonObject { ["userName"] = userName, ["name"] = "koppeling" }));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadObjectAsync();
        var key = (string)body["key"]!;
        Assert.StartsWith("kw_", key, StringComparison.Ordinal);
        Assert.True(key.Length >= 40, key);
        using var withKey = _factory.CreateClient(key);
        Assert.Equal(HttpStatusCode.OK, (await withKey.GetAsync("/api/tasks")).StatusCode);
        var listed = (await _api.GetAsync($"/api/admin/api-keys?userName={userName}"))["items"]!.AsArray();
        var only = Assert.Single(listed)!.AsObject();
        Assert.Equal("koppeling", (string?)only["name"]);
        Assert.False(only.ContainsKey("key"));
        Assert.DoesNotContain(key, listed.ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull(only["lastUsedAt"]);

        using var revoked = await Admin.PostAsync($"/api/admin/api-keys/{body["id"]}/revoke", AdminApi.Json(new JsonObject()));

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.NotNull((await revoked.ReadObjectAsync())["revokedAt"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withKey.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(["UserCreated", "ApiKeyCreated", "ApiKeyRevoked"], (await _api.TrailAsync(userName)).Select(a => (string)a["action"]!).Reverse());
    }

    [Fact]
    public async Task ApiKey_SameActiveName_Returns409_ButAfterRevocationTheNameIsFree()
    {
        var userName = await _api.CreateUserAsync("medewerker");
        var first = await _api.CreateKeyAsync(userName, "sleutel");

        using var duplicate = await Admin.PostAsync("/api/admin/api-keys", AdminApi.Json(new JsonObject { ["userName"] = userName, ["name"] = "sleutel" }));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);

        (await Admin.PostAsync($"/api/admin/api-keys/{first.Id}/revoke", AdminApi.Json(new JsonObject()))).EnsureSuccessStatusCode();
        var second = await _api.CreateKeyAsync(userName, "sleutel");

        Assert.NotEqual(first.Key, second.Key);
        Assert.Equal(2, (await _api.GetAsync($"/api/admin/api-keys?userName={userName}"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task ApiKey_LastUse_IsWrittenAtMostOnceAMinute()
    {
        var userName = await _api.CreateUserAsync("medewerker");
        var key = await _api.CreateKeyAsync(userName, "teller");
        using var client = _factory.CreateClient(key.Key);
        // A whole second, so the instants compare exactly after a round trip through either database.
        var now = await _api.NowAsync();
        var start = new DateTimeOffset(now.UtcDateTime.Ticks - (now.UtcDateTime.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddMinutes(1);
        await _api.SetClockAsync(start);

        (await client.GetAsync("/api/tasks")).EnsureSuccessStatusCode();
        var firstUse = await _api.LastUsedAsync(userName);
        await _api.SetClockAsync(start.AddSeconds(30));
        (await client.GetAsync("/api/tasks")).EnsureSuccessStatusCode();
        var within = await _api.LastUsedAsync(userName);
        await _api.SetClockAsync(start.AddMinutes(2));
        (await client.GetAsync("/api/tasks")).EnsureSuccessStatusCode();
        var later = await _api.LastUsedAsync(userName);

        Assert.Equal(start, firstUse);
        Assert.Equal(firstUse, within);
        Assert.Equal(start.AddMinutes(2), later);
    }

    [Fact]
    public async Task DisablingAUser_StopsTheirKeys_AndEnablingRestoresThem()
    {
        var userName = await _api.CreateUserAsync("medewerker");
        var key = await _api.CreateKeyAsync(userName, "werk");
        using var client = _factory.CreateClient(key.Key);

        var disabled = await _api.PatchAsync(userName, new JsonObject { ["disabled"] = true });
        Assert.True((bool)disabled["disabled"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tasks")).StatusCode);
        using var newKey = await Admin.PostAsync("/api/admin/api-keys", AdminApi.Json(new JsonObject { ["userName"] = userName, ["name"] = "nieuw" }));
        Assert.Equal(HttpStatusCode.Conflict, newKey.StatusCode);

        await _api.PatchAsync(userName, new JsonObject { ["disabled"] = false });

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(["UserCreated", "ApiKeyCreated", "UserDisabled", "UserEnabled"], (await _api.TrailAsync(userName)).Select(a => (string)a["action"]!).Reverse());
    }

    [Fact]
    public async Task DisablingAUser_StopsTheirStudioToken()
    {
        var userName = await _api.CreateUserAsync("procesbeheerder");
        var key = await _api.CreateKeyAsync(userName, "studio");
        using var withKey = _factory.CreateClient(key.Key);
        var token = (string)(await withKey.GetFromJsonAsync<JsonObject>("/studio/token"))!["token"]!;
        using var studio = _factory.CreateClient(apiKey: null);
        studio.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        Assert.Equal(HttpStatusCode.OK, (await studio.GetAsync("/elsa/api/workflow-definitions")).StatusCode);

        await _api.PatchAsync(userName, new JsonObject { ["disabled"] = true });

        Assert.Equal(HttpStatusCode.Unauthorized, (await studio.GetAsync("/elsa/api/workflow-definitions")).StatusCode);
    }
}

public sealed class SqliteApiKeyAdministrationTests(SqliteManualClockServerFixture fixture)
    : ApiKeyAdministrationTests(fixture), IClassFixture<SqliteManualClockServerFixture>;

public sealed class PostgreSqlApiKeyAdministrationTests(PostgreSqlManualClockServerFixture fixture)
    : ApiKeyAdministrationTests(fixture), IClassFixture<PostgreSqlManualClockServerFixture>;
