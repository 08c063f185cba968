using Klachten.Contracts;
using Klachten.Server.Persistence;

namespace Klachten.Server.Features.Administration;

/// <summary>The administration pages' Dutch words for audit actions and roles.</summary>
internal static class AdminText
{
    public static string Action(AdminAction action) => action switch
    {
        AdminAction.UserCreated => "Gebruiker aangemaakt",
        AdminAction.UserProvisioned => "Gebruiker aangemaakt bij eerste aanmelding",
        AdminAction.UserChanged => "Gegevens gewijzigd",
        AdminAction.RolesChanged => "Rollen gewijzigd",
        AdminAction.UserDisabled => "Gebruiker uitgeschakeld",
        AdminAction.UserEnabled => "Gebruiker ingeschakeld",
        AdminAction.ApiKeyCreated => "API-sleutel aangemaakt",
        AdminAction.ApiKeyRevoked => "API-sleutel ingetrokken",
        _ => action.ToString(),
    };

    public static string Roles(IReadOnlyList<string> roles) => roles.Count == 0 ? "geen" : string.Join(", ", roles.Select(DutchWords.Role));

    /// <summary>The form's role checkboxes (field <c>roles</c>), in the regulation's order.</summary>
    public static IReadOnlyList<(string Value, string Text)> RoleChoices => DutchWords.Roles;
}
