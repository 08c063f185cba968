using Klachten.Server.Features.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Klachten.Server.Pages;

/// <summary>Sign-out (POST only, with the anti-forgery token): ends the session, and the provider's when there is one.</summary>
internal sealed class AfmeldenModel(IAuthenticationSchemeProvider schemes) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(AuthSchemes.Cookie);
        if (await schemes.GetSchemeAsync(AuthSchemes.Oidc) is not null)
        {
            return SignOut(new AuthenticationProperties { RedirectUri = "/" }, AuthSchemes.Oidc);
        }

        return Redirect(WebSignIn.SignInPath);
    }
}
