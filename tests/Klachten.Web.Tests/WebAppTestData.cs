using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klachten.Testing;

namespace Klachten.Web.Tests;

/// <summary>Sets up state through the API (fast), for tests whose subject is a later step.</summary>
internal static class WebAppTestData
{
    /// <summary>Today on the server's (manual) clock. The dev clock is read with the beheerder's key.</summary>
    public static async Task<DateOnly> TodayAsync(this WebAppFixture app)
    {
        using var api = app.Api("beheerder");
        var now = (await api.GetFromJsonAsync<JsonObject>("/api/dev/clock"))!["now"]!.GetValue<DateTimeOffset>();
        return DateOnly.FromDateTime(now.Date);
    }

    /// <summary>A complaint through the API; <paramref name="customize"/> changes the request body before it is sent.</summary>
    public static async Task<(string Id, string Reference)> RegisterAsync(
        this WebAppFixture app, string manager = "leidinggevende", string stage = "Formal", string? concernedEmployee = null, Action<JsonObject>? customize = null)
    {
        var today = await app.TodayAsync();
        var body = new JsonObject
        {
            ["complainant"] = new JsonObject { ["name"] = "Fatima Bakker", ["email"] = "fatima@example.nl" },
            ["category"] = "ServiceEffects",
            ["eventDate"] = today.AddDays(-10).ToString("yyyy-MM-dd"),
            ["receivedOn"] = today.ToString("yyyy-MM-dd"),
            ["stage"] = stage,
            ["concernedEmployee"] = concernedEmployee,
            ["manager"] = manager,
            ["description"] = "De uitkering kwam drie weken te laat.",
        };
        customize?.Invoke(body);
        using var api = app.Api("medewerker");
        var response = await api.PostAsJsonAsync("/api/complaints", body);
        response.EnsureSuccessStatusCode();
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (created["id"]!.GetValue<string>(), created["reference"]!.GetValue<string>());
    }

    /// <summary>The id of the open task titled <paramref name="title"/> of a complaint, as the given user's role sees it.</summary>
    public static async Task<string> OpenTaskAsync(this WebAppFixture app, string user, string reference, string title) =>
        (await app.OpenTaskJsonAsync(user, reference, t => t["title"]?.GetValue<string>() == title))["id"]!.GetValue<string>();

    /// <summary>
    /// Completes the open task of a complaint that offers <paramref name="outcome"/> through the API: the receipt
    /// confirmation and the contact task are open side by side, and only one of them offers a given outcome.
    /// </summary>
    public static async Task CompleteOpenTaskAsync(this WebAppFixture app, string user, string reference, string outcome, JsonObject? data = null)
    {
        var task = await app.OpenTaskJsonAsync(user, reference, t => t["outcomes"]?.AsArray().Any(o => o?.GetValue<string>() == outcome) == true);
        using var api = app.Api(user);
        var response = await api.PostAsJsonAsync($"/api/tasks/{task["id"]!.GetValue<string>()}/complete", new JsonObject
        {
            ["outcome"] = outcome,
            ["data"] = data ?? [],
            ["version"] = task["version"]!.GetValue<int>(),
        });
        response.EnsureSuccessStatusCode();
    }

    private static async Task<JsonNode> OpenTaskJsonAsync(this WebAppFixture app, string user, string reference, Func<JsonNode, bool> which)
    {
        using var api = app.Api(user);
        var task = await Eventually.Until(
            async () => (await api.GetFromJsonAsync<JsonArray>("/api/tasks?scope=role"))!
                .FirstOrDefault(t => t!["complaintReference"]?.GetValue<string>() == reference && which(t)),
            t => t is not null);
        return task!;
    }
}
