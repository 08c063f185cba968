using Klachten.Server.Features.Auth;
using Klachten.Server.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Pages;

/// <summary>
/// Sign-in. With OpenID Connect configured this hands over to the provider; the local password form exists only in
/// Development (the seeded accounts), so no environment but Development ever accepts a local password.
/// </summary>
internal sealed class AanmeldenModel(KlachtenDbContext db, IHostEnvironment environment, IAuthenticationSchemeProvider schemes) : PageModel
{
    public bool LocalAllowed => WebSignIn.LocalSignInAllowed(environment);

    public string? Error { get; private set; }

    public string? UserName { get; private set; }

    public string ReturnUrl { get; private set; } = "/";

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        ReturnUrl = SafeReturnUrl(returnUrl);
        if (!LocalAllowed && await schemes.GetSchemeAsync(AuthSchemes.Oidc) is not null)
        {
            return Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl }, AuthSchemes.Oidc);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? gebruikersnaam, string? wachtwoord, string? returnUrl)
    {
        ReturnUrl = SafeReturnUrl(returnUrl);
        if (!LocalAllowed)
        {
            return NotFound();
        }

        UserName = gebruikersnaam?.Trim();
        var user = string.IsNullOrEmpty(UserName) ? null
            : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == UserName, HttpContext.RequestAborted);
        if (user?.PasswordHash is null || string.IsNullOrEmpty(wachtwoord) || !Secrets.VerifyPassword(wachtwoord, user.PasswordHash))
        {
            Error = "De gebruikersnaam of het wachtwoord klopt niet.";
            return Page();
        }

        await HttpContext.SignInAsync(AuthSchemes.Cookie, UserPrincipal.Create(user, AuthSchemes.Cookie));
        return LocalRedirect(ReturnUrl);
    }

    private string SafeReturnUrl(string? returnUrl) => !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
