using System.Text.Json.Nodes;

namespace Klachten.Server.Tests.Procedure;

/// <summary>The task titles of <c>workflows/klachtenprocedure.json</c>, as the people see them in their task lists.</summary>
internal static class Titles
{
    public const string Employee = "Bespreek de klacht met de klant";
    public const string Manager = "Los de klacht op als leidinggevende";
    public const string Receipt = "Bevestig de ontvangst van de klacht schriftelijk";
    public const string Contact = "Neem contact op met de klager";
    public const string Submit = "Leg de klacht met rapportage voor aan de Klachtencommissie";
    public const string Advice = "Breng bindend advies uit";
    public const string ExtendedAdvice = "Breng bindend advies uit (verlengde termijn)";
    public const string Decision = "Deel het besluit schriftelijk mee";
}

/// <summary>One step of the formal procedure each, done by the right person with the data the task requires.</summary>
internal static class ProcedureSteps
{
    public static Task<JsonObject> ConfirmReceiptAsync(this ProcedureDriver driver, Registered complaint) =>
        driver.CompleteOpenTaskAsync("directeur", complaint, Titles.Receipt, "Bevestigd");

    public static Task<JsonObject> ContactAsync(this ProcedureDriver driver, Registered complaint, string outcome = "Niet ingetrokken") =>
        driver.CompleteOpenTaskAsync("directeur", complaint, Titles.Contact, outcome, new JsonObject { ["contactnotitie"] = "Gebeld met de klager." });

    public static Task<JsonObject> SubmitAsync(this ProcedureDriver driver, Registered complaint) =>
        driver.CompleteOpenTaskAsync("directeur", complaint, Titles.Submit, "Voorgelegd", new JsonObject { ["rapportage"] = "Gesprekken met medewerker en leidinggevende; geen oplossing." });

    public static Task<JsonObject> AdviseAsync(this ProcedureDriver driver, Registered complaint, string outcome, bool extended = false) =>
        driver.CompleteOpenTaskAsync("commissie", complaint, extended ? Titles.ExtendedAdvice : Titles.Advice, outcome, new JsonObject { ["toelichting"] = "Advies van de commissie." });

    public static Task<JsonObject> DecideAsync(this ProcedureDriver driver, Registered complaint) =>
        driver.CompleteOpenTaskAsync("directeur", complaint, Titles.Decision, "Besluit verzonden", new JsonObject { ["besluit"] = "De klacht is gegrond; excuses aangeboden." });

    /// <summary>Registers a formal complaint received on <paramref name="receivedOn"/> and walks it to the committee.</summary>
    public static async Task<Registered> WalkToCommitteeAsync(this ProcedureDriver driver, DateOnly receivedOn)
    {
        var complaint = await driver.RegisterAsync(ProcedureDriver.Complaint(receivedOn));
        await driver.ConfirmReceiptAsync(complaint);
        await driver.ContactAsync(complaint);
        await driver.SubmitAsync(complaint);
        return complaint;
    }
}

/// <summary>Assertions on the case view of <c>GET /api/complaints/{id}</c>.</summary>
internal static class CaseAssert
{
    /// <summary>The case has exactly one letter of <paramref name="kind"/>, to exactly these recipients.</summary>
    public static JsonObject Letter(JsonObject @case, string kind, params (string Role, bool Copy)[] recipients)
    {
        var letter = Assert.Single(Letters(@case), l => (string?)l["kind"] == kind);
        var actual = letter["recipients"]!.AsArray().Select(r => ((string)r!["role"]!, (bool)r["copy"]!)).Order().ToList();
        Assert.Equal(recipients.Order().ToList(), actual);
        return letter;
    }

    /// <summary>The kinds of every letter requested so far, in any order.</summary>
    public static void LetterKinds(JsonObject @case, params string[] kinds) =>
        Assert.Equal(kinds.Order().ToList(), Letters(@case).Select(l => (string)l["kind"]!).Order().ToList());

    public static List<JsonObject> Letters(JsonObject @case) => [.. @case["letters"]!.AsArray().Select(l => l!.AsObject())];

    public static List<JsonObject> Tasks(JsonObject @case, string? status = null) =>
        [.. @case["tasks"]!.AsArray().Select(t => t!.AsObject()).Where(t => status is null || (string?)t["status"] == status)];

    public static JsonObject Term(JsonObject @case, string name) => Assert.Single(@case["terms"]!.AsArray().Select(t => t!.AsObject()), t => (string?)t["name"] == name);

    public static List<string> Timeline(JsonObject @case) => [.. @case["timeline"]!.AsArray().Select(e => (string)e!["text"]!)];

    public static void Status(JsonObject @case, string status, string stage)
    {
        Assert.Equal(status, (string?)@case["status"]);
        Assert.Equal(stage, (string?)@case["stage"]);
    }
}
