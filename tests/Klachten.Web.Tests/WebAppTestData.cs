using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klachten.Testing;

namespace Klachten.Web.Tests;

/// <summary>Sets up state through the API (fast), for tests whose subject is a later step.</summary>
internal static class WebAppTestData
{
    public static async Task<(string Id, string Reference)> RegisterAsync(this WebAppFixture app, string manager = "leidinggevende")
    {
        using var api = app.Api("medewerker");
        using var admin = app.Api("beheerder");
        var today = (await admin.GetFromJsonAsync<JsonObject>("/api/dev/clock"))!["now"]!.GetValue<DateTimeOffset>();
        var response = await api.PostAsJsonAsync("/api/complaints", new
        {
            complainant = new { name = "Fatima Bakker", email = "fatima@example.nl" },
            category = "ServiceEffects",
            eventDate = DateOnly.FromDateTime(today.Date).AddDays(-10).ToString("yyyy-MM-dd"),
            receivedOn = DateOnly.FromDateTime(today.Date).ToString("yyyy-MM-dd"),
            stage = "Formal",
            manager,
            description = "De uitkering kwam drie weken te laat.",
        });
        response.EnsureSuccessStatusCode();
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (created["id"]!.GetValue<string>(), created["reference"]!.GetValue<string>());
    }

    /// <summary>The id of the open task of a complaint, as the given user's role sees it.</summary>
    public static async Task<string> OpenTaskAsync(this WebAppFixture app, string user, string reference)
    {
        using var api = app.Api(user);
        var task = await Eventually.Until(
            async () => (await api.GetFromJsonAsync<JsonArray>("/api/tasks?scope=role"))!.FirstOrDefault(t => t!["complaintReference"]?.GetValue<string>() == reference),
            t => t is not null);
        return task!["id"]!.GetValue<string>();
    }
}
