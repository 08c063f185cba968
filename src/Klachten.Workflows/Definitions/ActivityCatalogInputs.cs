namespace Klachten.Workflows.Definitions;

/// <summary>One input of an activity type as Studio edits it.</summary>
/// <param name="Name">Elsa's PascalCase name; the activity JSON key is its camelCase form.</param>
/// <param name="TypeName">Elsa type alias, e.g. <c>String</c>, <c>Int32</c>, <c>String[]</c>.</param>
/// <param name="DisplayName">Dutch label.</param>
/// <param name="Description">Dutch help text.</param>
/// <param name="UiHint">Studio editor, e.g. <c>singleline</c>, <c>dropdown</c>, <c>dynamic-outcomes</c>.</param>
/// <param name="Options">Dropdown choices (value, Dutch text); null for other editors.</param>
/// <param name="IsWrapped">Stored as <c>{typeName, expression}</c>; false for plain values such as a variable reference.</param>
/// <param name="DefaultSyntax">Expression syntax Studio starts with.</param>
public sealed record ActivityInputInfo(
    string Name,
    string TypeName,
    string DisplayName,
    string Description,
    string UiHint = "singleline",
    IReadOnlyList<(string Value, string Text)>? Options = null,
    bool IsWrapped = true,
    string DefaultSyntax = "Literal");

/// <summary>One output of an activity type.</summary>
public sealed record ActivityOutputInfo(string Name, string TypeName, string DisplayName, string Description);

/// <summary>
/// The inputs and outputs of each catalog type, for Studio's property panel (the runtime reads the same camelCase keys).
/// Kept beside <see cref="ActivityCatalog"/> so a new activity gets its editor metadata in the same place.
/// </summary>
public static class ActivityCatalogInputs
{
    /// <summary>The roles a human task can be given (the server's roles, Dutch labels).</summary>
    public static readonly IReadOnlyList<(string Value, string Text)> Roles =
    [
        ("medewerker", "Medewerker"),
        ("leidinggevende", "Leidinggevende"),
        ("directeur", "Directeur"),
        ("klachtencommissie", "Klachtencommissie"),
        ("procesbeheerder", "Procesbeheerder"),
        ("beheerder", "Beheerder"),
    ];

    /// <summary>Term units (<see cref="Terms.TermUnit"/>).</summary>
    public static readonly IReadOnlyList<(string Value, string Text)> TermUnits =
    [
        (nameof(Terms.TermUnit.WorkingDays), "Werkdagen"),
        (nameof(Terms.TermUnit.CalendarDays), "Kalenderdagen"),
        (nameof(Terms.TermUnit.Weeks), "Weken"),
    ];

    /// <summary>Complaint statuses (the contract's list).</summary>
    public static readonly IReadOnlyList<(string Value, string Text)> ComplaintStatuses =
    [
        ("Informal", "Informeel"),
        ("Received", "Ontvangen"),
        ("InConversation", "In gesprek"),
        ("Withdrawn", "Ingetrokken"),
        ("WithCommittee", "Bij de klachtencommissie"),
        ("AwaitingDecision", "Wacht op besluit"),
        ("Decided", "Besloten"),
        ("NotAdmissible", "Niet-ontvankelijk"),
        ("InformallyResolved", "Opgelost in de informele fase"),
    ];

    private static readonly IReadOnlyList<(string Value, string Text)> JoinModes =
    [
        ("WaitAny", "Wacht op de eerste tak"),
        ("WaitAll", "Wacht op alle takken"),
        ("WaitAllActive", "Wacht op alle actieve takken"),
    ];

    private static readonly ActivityInputInfo CountFrom = new("CountFrom", "String", "Tellen vanaf",
        "Datum (jjjj-mm-dd) of tijdstip waarna de termijn begint te lopen; leeg is vandaag.", DefaultSyntax: "JavaScript");

    private static readonly Dictionary<string, ActivityInputInfo[]> InputsByType = new(StringComparer.Ordinal)
    {
        [ActivityTypes.WriteLine] = [new("Text", "String", "Tekst", "De regel die in het logboek komt.")],
        [ActivityTypes.SetVariable] =
        [
            new("Variable", "Variable", "Variabele", "De variabele die een waarde krijgt.", "variable-picker", IsWrapped: false),
            new("Value", "Object", "Waarde", "De nieuwe waarde.", DefaultSyntax: "JavaScript"),
        ],
        [ActivityTypes.FlowDecision] =
        [
            new("Condition", "Boolean", "Voorwaarde", "Waar: verder via 'True'; onwaar: via 'False'.", DefaultSyntax: "JavaScript"),
        ],
        [ActivityTypes.FlowFork] = [new("Branches", "String[]", "Takken", "De namen van de takken die tegelijk starten.", "dynamic-outcomes")],
        [ActivityTypes.FlowJoin] = [new("Mode", "String", "Wachten op", "Op welke binnenkomende takken de samenvoeging wacht.", "dropdown", JoinModes)],
        [ActivityTypes.Fault] = [new("Message", "String", "Melding", "De foutmelding.")],
        [ActivityTypes.Delay] = [new("TimeSpan", "TimeSpan", "Tijdsduur", "Hoe lang gewacht wordt (uu:mm:ss of d.uu:mm:ss).")],
        [ActivityTypes.StartAt] = [new("DateTime", "DateTimeOffset", "Tijdstip", "Het tijdstip waarop de workflow verdergaat.", "datetime-picker")],
        [ActivityTypes.Timer] = [new("Interval", "TimeSpan", "Interval", "Na hoeveel tijd de timer afgaat.")],
        [ActivityTypes.Correlate] = [new("CorrelationId", "String", "Correlatiesleutel", "De sleutel waarmee de workflow gevonden wordt.")],
        [ActivityTypes.Event] = [new("EventName", "String", "Naam van de gebeurtenis", "De workflow gaat verder als deze gebeurtenis binnenkomt.")],
        [ActivityTypes.HumanTask] =
        [
            new("Title", "String", "Titel", "De titel van de taak in de takenlijst."),
            new("Role", "String", "Rol", "De rol die de taak mag uitvoeren.", "dropdown", Roles),
            new("Description", "String", "Omschrijving", "Wat de medewerker moet doen.", "multiline"),
            new("Outcomes", "String[]", "Uitkomsten", "De mogelijke uitkomsten; elke uitkomst is een uitgang van de taak.", "dynamic-outcomes"),
            new("Assignee", "String", "Toegewezen aan", "Gebruikersnaam van wie de taak krijgt; leeg is iedereen in de rol."),
            new("DueAmount", "Int32", "Termijn (aantal)", "Binnen hoeveel eenheden de taak af moet zijn; leeg is geen termijn."),
            new("DueUnit", "String", "Termijn (eenheid)", "De eenheid van de termijn.", "dropdown", TermUnits),
            CountFrom,
            new("RequiredFields", "String[]", "Verplichte velden", "Gegevens die bij het afronden ingevuld moeten zijn.", "multitext"),
            new("RefusedOutcomes", "Object", "Geweigerde uitkomsten", "Uitkomsten die in deze situatie niet gekozen mogen worden, met de reden (JSON-object: uitkomst → reden).", DefaultSyntax: "JavaScript"),
            new("MetByLetter", "String", "Voldaan door brief", "Soort brief waarmee de termijn van deze taak gehaald is."),
        ],
        [ActivityTypes.Term] =
        [
            new("Amount", "Int32", "Aantal", "Hoeveel eenheden de termijn duurt (verplicht)."),
            new("Unit", "String", "Eenheid", "Werkdagen, kalenderdagen of weken (Algemene termijnenwet).", "dropdown", TermUnits),
            CountFrom,
        ],
        [ActivityTypes.SetComplaintStatus] =
        [
            new("Status", "String", "Status", "De nieuwe status van de klacht.", "dropdown", ComplaintStatuses),
            new("Note", "String", "Toelichting", "De regel in de tijdlijn van de klacht."),
        ],
        [ActivityTypes.SendLetter] =
        [
            new("LetterKind", "String", "Soort brief", "Het briefsjabloon, bijvoorbeeld Ontvangstbevestiging."),
            new("Recipients", "String[]", "Ontvangers", "Wie de brief krijgt, bijvoorbeeld klager.", "multitext"),
            new("CopyTo", "String[]", "Kopie aan", "Wie een kopie krijgt.", "multitext"),
            new("Attachments", "String[]", "Bijlagen", "Bijlagen bij de brief.", "multitext"),
        ],
    };

    private static readonly Dictionary<string, ActivityOutputInfo[]> OutputsByType = new(StringComparer.Ordinal)
    {
        [ActivityTypes.Event] = [new("Result", "Object", "Resultaat", "De gegevens die met de gebeurtenis meekwamen.")],
        [ActivityTypes.Term] =
        [
            new("Due", "String", "Laatste dag", "De laatste dag van de termijn (jjjj-mm-dd)."),
            new("ExpiresAt", "DateTimeOffset", "Verloopt op", "Het moment waarop de termijn verstreken is."),
        ],
    };

    /// <summary>The inputs of a type; empty when it has none.</summary>
    public static IReadOnlyList<ActivityInputInfo> InputsOf(string typeName) =>
        InputsByType.TryGetValue(typeName, out var inputs) ? inputs : [];

    /// <summary>The outputs of a type; empty when it has none.</summary>
    public static IReadOnlyList<ActivityOutputInfo> OutputsOf(string typeName) =>
        OutputsByType.TryGetValue(typeName, out var outputs) ? outputs : [];
}
