using System.ComponentModel.DataAnnotations;

namespace Klachten.Server.Features.Auth;

internal sealed class AuthOptions
{
    public const string SectionName = "Klachten:Auth";

    /// <summary>Creates or updates the key of the <c>beheerder</c> bootstrap user at start-up.</summary>
    [MinLength(16, ErrorMessage = "must be at least 16 characters")]
    public string? BootstrapApiKey { get; set; }
}
