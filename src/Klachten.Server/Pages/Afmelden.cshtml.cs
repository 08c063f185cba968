using Klachten.Server.Features.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Klachten.Server.Pages;

/// <summary>
/// Sign-out (POST only, with the anti-forgery token): ends the session, and the provider's when the user signed in
/// there, so the next visit asks for the provider's password again instead of signing the user silently back in.
/// Anonymous on purpose: a signed-in user without a role must be able to sign out too.
/// </summary>
[AllowAnonymous]
internal sealed class AfmeldenModel(IAuthenticationSchemeProvider schemes) : PageModel
{
    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public async Task<IActionResult> OnPostAsync()
    {
        var viaProvider = User.Identity?.AuthenticationType == AuthSchemes.Oidc && await schemes.GetSchemeAsync(AuthSchemes.Oidc) is not null;
        if (viaProvider)
        {
            // Cookie first, then the provider's end-session endpoint; the id_token_hint still comes from this request's cookie.
            return SignOut(new AuthenticationProperties { RedirectUri = WebSignIn.SignOutPath }, AuthSchemes.Cookie, AuthSchemes.Oidc);
        }

        await HttpContext.SignOutAsync(AuthSchemes.Cookie);
        return Redirect(WebSignIn.SignInPath);
    }
}
