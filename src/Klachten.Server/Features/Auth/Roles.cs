namespace Klachten.Server.Features.Auth;

internal static class Roles
{
    public const string Medewerker = "medewerker";
    public const string Leidinggevende = "leidinggevende";
    public const string Directeur = "directeur";
    public const string Klachtencommissie = "klachtencommissie";
    public const string Procesbeheerder = "procesbeheerder";
    public const string Beheerder = "beheerder";

    /// <summary>The roles in the order the regulation meets them; forms and stored role lists follow it.</summary>
    public static readonly IReadOnlyList<string> Ordered = [Medewerker, Leidinggevende, Directeur, Klachtencommissie, Procesbeheerder, Beheerder];

    public static readonly IReadOnlySet<string> All = new HashSet<string>(Ordered, StringComparer.Ordinal);
}

internal static class Policies
{
    /// <summary>Any signed-in staff member.</summary>
    public const string Staff = "staff";

    /// <summary>May change workflow definitions.</summary>
    public const string DefinitionsWrite = "definitions-write";

    /// <summary>Administers the installation (the Development clock, <c>/metrics</c> when not anonymous).</summary>
    public const string Administration = "administration";
}
