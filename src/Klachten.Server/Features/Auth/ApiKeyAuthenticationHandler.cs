using System.Security.Claims;
using System.Text.Encodings.Web;
using Klachten.Server.Common;
using Klachten.Server.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Klachten.Server.Features.Auth;

/// <summary><c>Authorization: ApiKey &lt;key&gt;</c>: the key acts with the roles of the user it belongs to.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    KlachtenDbContext db,
    FailedAuthentications failures,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string Prefix = "ApiKey ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var key = header[Prefix.Length..].Trim();
        if (key.Length is 0 or > 512)
        {
            failures.Record(Context);
            return AuthenticateResult.Fail("Invalid API key.");
        }

        var hash = Secrets.HashApiKey(key);
        var found = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Join(db.Users.Where(u => u.DisabledAt == null), k => k.UserName, u => u.UserName, (k, u) => new { Key = new { k.Id, k.LastUsedAt }, User = u })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null)
        {
            failures.Record(Context);
            return AuthenticateResult.Fail("Invalid API key.");
        }

        await NoteUseAsync(found.Key.Id, found.Key.LastUsedAt);
        var principal = UserPrincipal.Create(found.User, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    // "Last used" is for spotting keys nobody uses any more: to the minute is enough, and it keeps a busy
    // integration from writing on every request.
    private async Task NoteUseAsync(Guid keyId, DateTimeOffset? lastUsedAt)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        if (lastUsedAt is { } last && now - last < TimeSpan.FromMinutes(1))
        {
            return;
        }

        await db.ApiKeys.Where(k => k.Id == keyId).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = SchemeName;
        return ProblemResponses.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Niet aangemeld",
            "Geef een geldige API-sleutel mee: Authorization: ApiKey <sleutel>.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemResponses.WriteAsync(Context, StatusCodes.Status403Forbidden, "Geen toegang",
            "Uw rol geeft geen toegang tot deze handeling.");
}

internal static class UserPrincipal
{
    public static ClaimsPrincipal Create(UserEntity user, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, user.UserName), new("display_name", user.DisplayName) };
        claims.AddRange(user.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
