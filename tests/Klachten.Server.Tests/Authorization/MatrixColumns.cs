namespace Klachten.Server.Tests.Authorization;

/// <summary>The columns of both authorization matrices: anonymous and the six roles, each acted by its Development user.</summary>
public static class MatrixColumns
{
    /// <summary>Column → the Development user (the committee's user is <c>commissie</c>); anonymous has none.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Users = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["anonymous"] = null,
        ["medewerker"] = "medewerker",
        ["leidinggevende"] = "leidinggevende",
        ["directeur"] = "directeur",
        ["klachtencommissie"] = "commissie",
        ["procesbeheerder"] = "procesbeheerder",
        ["beheerder"] = "beheerder",
    };
}
