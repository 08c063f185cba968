using System.Globalization;

namespace Klachten.Server.Features.Web;

/// <summary>The Dutch words the pages show for the contract's English enum values, and Dutch date formats.</summary>
internal static class WebText
{
    public static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static readonly IReadOnlyList<(string Value, string Text)> Categories =
    [
        ("Treatment", "Bejegening door een medewerker"),
        ("ServiceEffects", "Effecten van de dienstverlening"),
        ("Discrimination", "Discriminatie"),
    ];

    public static readonly IReadOnlyList<(string Value, string Text)> Grounds =
    [
        ("Religion", "Religie"), ("Belief", "Levensovertuiging"), ("Origin", "Afkomst"), ("SexualOrientation", "Seksuele geaardheid"),
        ("Sex", "Sekse"), ("Age", "Leeftijd"), ("Race", "Ras"), ("Income", "Inkomen"), ("Other", "Anders"),
    ];

    public static readonly IReadOnlyList<(string Value, string Text)> RepresentativeKinds =
    [
        ("Expert", "Deskundige"), ("ConfidentialAdviser", "Vertrouwenspersoon"),
    ];

    public static readonly IReadOnlyList<(string Value, string Text)> Stages =
    [
        ("Formal", "Schriftelijk ingediend bij de directeur (formeel)"), ("Informal", "Nog informeel (bespreken met medewerker en leidinggevende)"),
    ];

    public static readonly IReadOnlyList<string> Statuses =
        ["Informal", "Received", "InConversation", "WithCommittee", "AwaitingDecision", "Decided", "Withdrawn", "NotAdmissible", "Cancelled"];

    public static string Status(string? status) => status switch
    {
        "Informal" => "Informele fase",
        "Received" => "Ontvangen",
        "InConversation" => "In gesprek met de klager",
        "Withdrawn" => "Ingetrokken",
        "WithCommittee" => "Bij de Klachtencommissie",
        "AwaitingDecision" => "Wacht op besluit",
        "Decided" => "Besloten",
        "NotAdmissible" => "Niet-ontvankelijk",
        "Cancelled" => "Afgebroken",
        _ => status ?? "onbekend",
    };

    public static string Category(string? value) => Lookup(Categories, value);

    public static string Ground(string? value) => Lookup(Grounds, value);

    public static string RepresentativeKind(string? value) => Lookup(RepresentativeKinds, value);

    public static string Role(string? role) => role switch
    {
        "klachtencommissie" => "Klachtencommissie",
        null => string.Empty,
        _ => Dutch.TextInfo.ToTitleCase(role),
    };

    /// <summary>Labels for the data fields tasks require; an unknown field shows its own name.</summary>
    public static string FieldLabel(string field) => field switch
    {
        "contactnotitie" => "Notitie van het contact met de klager",
        "rapportage" => "Rapportage van de genomen stappen",
        "toelichting" => "Toelichting bij het advies (of de reden van verlenging)",
        "besluit" => "Het besluit",
        "reden" or "verlengingsreden" => "Reden van de verlenging",
        _ => Dutch.TextInfo.ToTitleCase(field),
    };

    public static string LetterKind(string? kind) => kind switch
    {
        "Ontvangstbevestiging" => "Ontvangstbevestiging",
        "VoorgelegdAanCommissie" => "Voorgelegd aan de Klachtencommissie",
        "VerlengingAdviestermijn" => "Verlenging van de adviestermijn",
        "Besluit" => "Besluit",
        "BevestigingIntrekking" => "Bevestiging van de intrekking",
        "NietOntvankelijk" => "Recht op klagen vervallen",
        "UitlegSchriftelijkIndienen" => "Zo dient u de klacht schriftelijk in",
        null or "" => "brief",
        _ => kind,
    };

    public static string Date(DateOnly? date) => date?.ToString("d MMMM yyyy", Dutch) ?? "—";

    public static string Date(string? isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Date(d) : "—";

    public static string Instant(DateTimeOffset? instant) =>
        instant is { } i ? Klachten.Workflows.Terms.AmsterdamTime.Local(i).ToString("d MMMM yyyy, HH:mm", Dutch) : "—";

    /// <summary>A JSON value of the API's case view as plain text (strings unquoted, dates and ids without quotes).</summary>
    public static string Text(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        null => string.Empty,
        System.Text.Json.Nodes.JsonValue v when v.TryGetValue<string>(out var text) => text,
        System.Text.Json.Nodes.JsonValue v => v.ToJsonString().Trim('"'),
        _ => node.ToJsonString(),
    };

    public static DateTimeOffset? InstantOf(System.Text.Json.Nodes.JsonNode? node) =>
        node is System.Text.Json.Nodes.JsonValue v && (v.TryGetValue<DateTimeOffset>(out var instant)
            || DateTimeOffset.TryParse(Text(v), CultureInfo.InvariantCulture, DateTimeStyles.None, out instant)) ? instant : null;

    private static string Lookup(IReadOnlyList<(string Value, string Text)> list, string? value) =>
        list.FirstOrDefault(x => x.Value == value).Text ?? value ?? "—";
}
