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

    /// <summary>The claim carrying role names the provider grants (added to the local account's roles).</summary>
    public string RoleClaim { get; set; } = "roles";

    public string Scopes { get; set; } = "openid profile email";

    /// <summary>Only for a provider on plain http in a test set-up; never in production.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
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
    }
}
