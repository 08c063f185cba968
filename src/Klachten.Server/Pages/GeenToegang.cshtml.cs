using Klachten.Server.Features.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Klachten.Server.Pages;

/// <summary>
/// Where a forbidden page sends the user. A signed-in user without any role (an OpenID Connect account whose groups
/// map to no role) lands here from every page, so this page says so plainly instead of blaming one page.
/// </summary>
internal sealed class GeenToegangModel : PageModel
{
    /// <summary>Set by the OpenID Connect handler when the provider refused or the sign-in could not be completed.</summary>
    [BindProperty(SupportsGet = true, Name = "aanmelden")]
    public string? SignInOutcome { get; set; }

    public bool SignInFailed => SignInOutcome == "mislukt" && User.Identity?.IsAuthenticated != true;

    /// <summary>The OpenID Connect sign-in of a disabled account.</summary>
    public bool AccountDisabled => SignInOutcome == "uitgeschakeld" && User.Identity?.IsAuthenticated != true;

    public bool WithoutRole => User.Identity?.IsAuthenticated == true && !Roles.All.Any(User.IsInRole);

    public string DisplayName => User.FindFirst("display_name")?.Value ?? User.Identity?.Name ?? "onbekend";
}
