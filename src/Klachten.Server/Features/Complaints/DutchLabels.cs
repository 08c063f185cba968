using Klachten.Contracts;
using Klachten.Server.Persistence;

namespace Klachten.Server.Features.Complaints;

/// <summary>
/// The one source of the Dutch words for the contract's English values (categories, grounds, statuses, letter kinds,
/// task fields). Pages, validation messages and timeline lines all take their words from here, so no code such as
/// <c>ConfidentialAdviser</c> or <c>VoorgelegdAanCommissie</c> ends up in a Dutch sentence.
/// </summary>
internal static class DutchLabels
{
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

    /// <summary>The statuses in the order the pages list them (the filter, the overview, the annual figures).</summary>
    public static IReadOnlyList<(ComplaintStatus Value, string Text)> Statuses => DutchWords.Statuses;

    public static readonly IReadOnlyList<(string Value, string Text)> LetterKinds =
    [
        ("Ontvangstbevestiging", "Ontvangstbevestiging"), ("VoorgelegdAanCommissie", "Voorgelegd aan de Klachtencommissie"),
        ("VerlengingAdviestermijn", "Verlenging van de adviestermijn"), ("Besluit", "Besluit"),
        ("BevestigingIntrekking", "Bevestiging van de intrekking"), ("NietOntvankelijk", "Recht op klagen vervallen"),
        ("UitlegSchriftelijkIndienen", "Zo dient u de klacht schriftelijk in"),
    ];

    /// <summary>Labels of the data fields tasks require.</summary>
    public static readonly IReadOnlyList<(string Value, string Text)> TaskFields =
    [
        ("contactnotitie", "Notitie van het contact met de klager"), ("rapportage", "Rapportage van de genomen stappen"),
        ("toelichting", "Toelichting bij het advies (of de reden van verlenging)"), ("besluit", "Het besluit"),
        ("reden", "Reden van de verlenging"), ("verlengingsreden", "Reden van de verlenging"),
    ];

    /// <summary>A status inside a timeline sentence ("Status gewijzigd in ontvangen.").</summary>
    public static string StatusInSentence(ComplaintStatus status) => status switch
    {
        ComplaintStatus.Informal => "informeel",
        ComplaintStatus.Received => "ontvangen",
        ComplaintStatus.InConversation => "in gesprek",
        ComplaintStatus.Withdrawn => "ingetrokken",
        ComplaintStatus.WithCommittee => "bij de klachtencommissie",
        ComplaintStatus.AwaitingDecision => "wacht op besluit",
        ComplaintStatus.Decided => "besloten",
        ComplaintStatus.NotAdmissible => "niet-ontvankelijk",
        ComplaintStatus.InformallyResolved => "opgelost in de informele fase",
        ComplaintStatus.Cancelled => "afgebroken",
        _ => status.ToString(),
    };

    /// <summary>A category inside a letter's sentence ("uw klacht over de bejegening door een medewerker").</summary>
    public static string CategoryInSentence(string category) => category switch
    {
        "Treatment" => "de bejegening door een medewerker",
        "ServiceEffects" => "de gevolgen van onze dienstverlening",
        "Discrimination" => "discriminatie",
        _ => category,
    };

    /// <summary>The stage in one word, for the case page's data.</summary>
    public static string StageInBrief(string? stage) => stage == "Formal" ? "Formeel" : "Informeel";

    public static string TaskStatus(HumanTaskStatus status) => status switch
    {
        HumanTaskStatus.Open => "Open",
        HumanTaskStatus.Completed => "Afgerond",
        _ => "Vervallen",
    };

    public static string LetterStatus(LetterStatus status) => status switch
    {
        Persistence.LetterStatus.Requested => "Aangevraagd",
        Persistence.LetterStatus.Sent => "Verzonden",
        _ => "Mislukt",
    };

    /// <summary>A staff role as a heading or table cell ("Klachtencommissie", "Directeur").</summary>
    public static string Role(string? role) => DutchWords.Role(role);

    /// <summary>A staff role inside a sentence ("voor de rol directeur").</summary>
    public static string RoleInSentence(string? role) => DutchWords.RoleInSentence(role);

    public static string Category(string? value) => Lookup(Categories, value);

    public static string Ground(string? value) => Lookup(Grounds, value);

    public static string RepresentativeKind(string? value) => Lookup(RepresentativeKinds, value);

    public static string Status(ComplaintStatus value) => DutchWords.Status(value);

    /// <summary>A letter kind in words; an unknown kind (a new template) shows its own name.</summary>
    public static string LetterKind(string? value) => string.IsNullOrEmpty(value) ? "brief" : Lookup(LetterKinds, value);

    /// <summary>A task field's label; an unknown field (added in Studio) shows its own name, capitalised.</summary>
    public static string TaskField(string field) =>
        TaskFields.FirstOrDefault(x => x.Value == field).Text ?? Common.Dutch.Culture.TextInfo.ToTitleCase(field);

    /// <summary>"a, b of c" in lower case, for "Kies …" messages.</summary>
    public static string Choice(IReadOnlyList<(string Value, string Text)> list)
    {
        var words = list.Select(x => x.Text.ToLower(Common.Dutch.Culture)).ToList();
        return words.Count == 1 ? words[0] : string.Join(", ", words.Take(words.Count - 1)) + " of " + words[^1];
    }

    private static string Lookup(IReadOnlyList<(string Value, string Text)> list, string? value, string missing = "—") =>
        list.FirstOrDefault(x => x.Value == value).Text ?? value ?? missing;
}
