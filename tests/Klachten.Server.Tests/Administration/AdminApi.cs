using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Administration;

/// <summary>The administration API as the beheerder (<c>dev-beheerder</c>) calls it, with the checks every test repeats.</summary>
internal sealed class AdminApi(KlachtenFactory factory)
{
    private HttpClient Admin => factory.As("beheerder");

    public static string NewName() => $"adm-{Guid.NewGuid():N}"[..16];

    public static JsonObject NewUser(string userName, params string[] roles) =>
        new() { ["userName"] = userName, ["displayName"] = $"Test {userName}", ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode?)r)]) };

    public static StringContent Json(JsonNode node) => ElsaJson.Body(node);

    public static List<string> Roles(JsonObject user) => [.. user["roles"]!.AsArray().Select(r => (string)r!)];

    public async Task<string> CreateUserAsync(params string[] roles)
    {
        var userName = NewName();
        using var response = await Admin.PostAsync("/api/admin/users", Json(NewUser(userName, roles)));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return userName;
    }

    public async Task<(string Id, string Key)> CreateKeyAsync(string userName, string name)
    {
        using var response = await Admin.PostAsync("/api/admin/api-keys", Json(new JsonObject { ["userName"] = userName, ["name"] = name }));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.ReadObjectAsync();
        return ((string)body["id"]!, (string)body["key"]!);
    }

    public async Task<JsonObject> PatchAsync(string userName, JsonObject change)
    {
        using var response = await Admin.PatchAsync($"/api/admin/users/{userName}", Json(change));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadObjectAsync();
    }

    public async Task<JsonObject> GetAsync(string path)
    {
        using var response = await Admin.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadObjectAsync();
    }

    /// <summary>The audit rows about <paramref name="userName"/>, newest first.</summary>
    public async Task<List<JsonObject>> TrailAsync(string userName) =>
        [.. (await GetAsync($"/api/admin/audit?userName={userName}"))["items"]!.AsArray().Select(a => a!.AsObject())];

    public async Task<DateTimeOffset?> LastUsedAsync(string userName) =>
        (await GetAsync($"/api/admin/api-keys?userName={userName}"))["items"]![0]!["lastUsedAt"]?.GetValue<DateTimeOffset>();

    public async Task<DateTimeOffset> NowAsync() =>
        (await Admin.GetFromJsonAsync<JsonObject>("/api/dev/clock"))!["now"]!.GetValue<DateTimeOffset>();

    public async Task SetClockAsync(DateTimeOffset instant) =>
        (await Admin.PostAsync("/api/dev/clock", Json(new JsonObject { ["now"] = instant }))).EnsureSuccessStatusCode();
}
