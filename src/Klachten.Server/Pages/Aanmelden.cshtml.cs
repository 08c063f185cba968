using Klachten.Contracts;
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
internal sealed class AanmeldenModel(KlachtenDbContext db, IHostEnvironment environment, IAuthenticationSchemeProvider schemes, SignInLockout lockout, TimeProvider clock) : PageModel
{
    // Verified when the name is unknown or has no password, so every failure costs the same PBKDF2 work and the
    // answer's timing does not tell which names exist.
    private static readonly string UnknownUserHash = Secrets.HashPassword(Guid.NewGuid().ToString("N"));

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
        if (string.IsNullOrEmpty(UserName) || UserName.Length > 256)
        {
            Error = "De gebruikersnaam of het wachtwoord klopt niet.";
            return Page();
        }

        if (lockout.LockedUntil(UserName) is { } until)
        {
            Error = LockedMessage(until);
            return Page();
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == UserName, HttpContext.RequestAborted);
        var verified = Secrets.VerifyPassword(wachtwoord ?? string.Empty, user?.PasswordHash ?? UnknownUserHash);
        if (user?.PasswordHash is null || string.IsNullOrEmpty(wachtwoord) || !verified || user.DisabledAt is not null)
        {
            lockout.Failed(UserName);
            Error = lockout.LockedUntil(UserName) is { } lockedUntil ? LockedMessage(lockedUntil) : "De gebruikersnaam of het wachtwoord klopt niet.";
            return Page();
        }

        lockout.Succeeded(UserName);
        var now = clock.GetUtcNow().ToUniversalTime();
        await db.Users.Where(u => u.UserName == user.UserName).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, now), HttpContext.RequestAborted);
        await HttpContext.SignInAsync(AuthSchemes.Cookie, UserPrincipal.Create(user, AuthSchemes.Cookie));
        return LocalRedirect(ReturnUrl);
    }

    private static string LockedMessage(DateTimeOffset until) =>
        $"Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen. Probeer het na {AmsterdamTime.Local(until).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)} uur opnieuw.";

    private string SafeReturnUrl(string? returnUrl) => !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
