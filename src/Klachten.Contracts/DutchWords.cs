namespace Klachten.Contracts;

/// <summary>A case's status: the contract's names (API, messages, stored columns).</summary>
public enum ComplaintStatus
{
    Informal,
    Received,
    InConversation,
    Withdrawn,
    WithCommittee,
    AwaitingDecision,
    Decided,
    NotAdmissible,

    /// <summary>Resolved with the employee or the manager; never became a formal complaint (contract addition).</summary>
    InformallyResolved,

    /// <summary>A process owner stopped the procedure (cancelled its workflow instance); no workflow sets it.</summary>
    Cancelled,
}

/// <summary>
/// The Dutch words for statuses and roles that every service shows: the server's pages, API explanations and
/// timeline, the activity descriptors Studio lists, and the notification service's letters.
/// </summary>
public static class DutchWords
{
    /// <summary>The statuses in the order lists show them.</summary>
    public static readonly IReadOnlyList<(ComplaintStatus Value, string Text)> Statuses =
    [
        (ComplaintStatus.Informal, "Informele fase"), (ComplaintStatus.Received, "Ontvangen"), (ComplaintStatus.InConversation, "In gesprek met de klager"),
        (ComplaintStatus.WithCommittee, "Bij de Klachtencommissie"), (ComplaintStatus.AwaitingDecision, "Wacht op besluit"), (ComplaintStatus.Decided, "Besloten"),
        (ComplaintStatus.Withdrawn, "Ingetrokken"), (ComplaintStatus.NotAdmissible, "Niet-ontvankelijk"),
        (ComplaintStatus.InformallyResolved, "Opgelost in de informele fase"), (ComplaintStatus.Cancelled, "Afgebroken"),
    ];

    /// <summary>The staff roles, as a heading or a choice.</summary>
    public static readonly IReadOnlyList<(string Value, string Text)> Roles =
    [
        ("medewerker", "Medewerker"), ("leidinggevende", "Leidinggevende"), ("directeur", "Directeur"),
        ("klachtencommissie", "Klachtencommissie"), ("procesbeheerder", "Procesbeheerder"), ("beheerder", "Beheerder"),
    ];

    /// <summary>A status in words; an unknown value shows its name.</summary>
    public static string Status(ComplaintStatus value) => Statuses.FirstOrDefault(x => x.Value == value).Text ?? value.ToString();

    /// <summary>A role as a heading or table cell ("Klachtencommissie"); an unknown role shows its name.</summary>
    public static string Role(string? role) => role is null ? string.Empty : Roles.FirstOrDefault(x => x.Value == role).Text ?? role;

    /// <summary>A role inside a sentence ("voor de rol directeur"): lower case, except the committee, which is a named body.</summary>
    public static string RoleInSentence(string? role) => role switch
    {
        null => string.Empty,
        "klachtencommissie" => "Klachtencommissie",
        _ => Role(role).ToLowerInvariant(),
    };
}
