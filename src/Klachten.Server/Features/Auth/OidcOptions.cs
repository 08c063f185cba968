using System.ComponentModel.DataAnnotations;

namespace Klachten.Server.Features.Auth;

/// <summary>
/// <c>Klachten:Auth:Oidc</c>: staff sign-in with any standard OpenID Connect provider. Unset (no authority) means
/// no OpenID Connect; then only the Development accounts can sign in, and only in Development.
/// </summary>
internal sealed class OidcOptions : IValidatableObject
{
    public const string SectionName = "Klachten:Auth:Oidc";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>The claim that holds the staff user name (matched with the local accounts for roles).</summary>
    public string UserNameClaim { get; set; } = "preferred_username";

    /// <summary>
    /// The claim carrying the provider's role or group names (<c>roles</c>, <c>groups</c>), read from the ID token and
    /// from userinfo. A value that is one of the six role names counts as that role; others go through <see cref="RoleMap"/>.
    /// </summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>
    /// Provider role or group name → one of the six roles (<c>RoleMap:klachten-directeuren = directeur</c>). Names
    /// neither mapped nor a role name are ignored. Matched case-insensitively, as configuration keys are.
    /// </summary>
    public Dictionary<string, string> RoleMap { get; set; } = [];

    public string Scopes { get; set; } = "openid profile email";

    /// <summary>Only for a provider on plain http in a test set-up; never in production.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>The roles the provider's claim values grant: role names as they are, mapped names, nothing else.</summary>
    public IEnumerable<string> MapRoles(IEnumerable<string> providerValues)
    {
        foreach (var value in providerValues)
        {
            if (Roles.All.Contains(value))
            {
                yield return value;
            }

            foreach (var (name, role) in RoleMap)
            {
                if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase))
                {
                    yield return role;
                }
            }
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, role) in RoleMap)
        {
            if (!Roles.All.Contains(role))
            {
                yield return new ValidationResult($"'{role}' is not a role; use one of {string.Join(", ", Roles.All)}", [$"{nameof(RoleMap)}:{name}"]);
            }
        }

        if (!IsConfigured && string.IsNullOrWhiteSpace(ClientId))
        {
            yield break;
        }

        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            yield return new ValidationResult("must be the absolute URL of the OpenID Connect provider", [nameof(Authority)]);
        }
        else if (authority.Scheme == "http" && RequireHttpsMetadata)
        {
            yield return new ValidationResult("must use https (or set RequireHttpsMetadata=false for a test provider)", [nameof(Authority)]);
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return new ValidationResult("is required when an authority is configured", [nameof(ClientId)]);
        }

        if (string.IsNullOrWhiteSpace(UserNameClaim))
        {
            yield return new ValidationResult("must name a claim", [nameof(UserNameClaim)]);
        }

        if (string.IsNullOrWhiteSpace(RoleClaim))
        {
            yield return new ValidationResult("must name a claim", [nameof(RoleClaim)]);
        }
    }
}
