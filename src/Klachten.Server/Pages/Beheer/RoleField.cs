namespace Klachten.Server.Pages.Beheer;

/// <summary>The role checkboxes of an account form (field <c>roles</c>), rendered by <c>_Rollen</c>.</summary>
internal sealed record RoleField(IReadOnlyList<string> Selected, string? Error)
{
    public const string Id = "roles";

    public string? DescribedBy => Error is null ? null : Id + "-fout";
}
