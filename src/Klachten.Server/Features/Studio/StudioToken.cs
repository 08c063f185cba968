using System.Security.Claims;
using System.Text.Encodings.Web;
using Klachten.Server.Common;
using Klachten.Server.Features.Auth;
using Klachten.Server.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Klachten.Server.Features.Studio;

/// <summary>
/// A short-lived bearer token for the Studio elements (<c>access-token</c> → <c>Authorization: Bearer …</c>), issued
/// to a signed-in user by <c>GET /studio/token</c>. It is the user name protected with ASP.NET Data Protection and a
/// time limit; each request looks the user up again, so changed roles count at once.
/// </summary>
internal sealed class StudioTokens(IDataProtectionProvider dataProtection, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(60);
    private const string Purpose = "Klachten.Studio.Token.v1";

    private readonly ITimeLimitedDataProtector _protector = dataProtection.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public (string Token, DateTimeOffset ExpiresAt) Issue(string userName)
    {
        var expiresAt = time.GetUtcNow() + Lifetime;
        return (_protector.Protect(userName, expiresAt), expiresAt);
    }

    public string? Read(string token)
    {
        try
        {
            // The protector checks the expiry against the system clock.
            return _protector.Unprotect(token, out _);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}

/// <summary><c>Authorization: Bearer &lt;studio token&gt;</c>: acts with the roles of the user the token was issued to.</summary>
internal sealed class StudioTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    StudioTokens tokens,
    KlachtenDbContext db,
    Auth.FailedAuthentications failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "StudioToken";
    private const string Prefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header[Prefix.Length..].Trim();
        if (token.Length is 0 or > 4096 || tokens.Read(token) is not { } userName)
        {
            failures.Record(Context);
            return AuthenticateResult.Fail("Invalid or expired Studio token.");
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == userName && u.DisabledAt == null, Context.RequestAborted);
        if (user is null)
        {
            failures.Record(Context);
            return AuthenticateResult.Fail("Invalid or expired Studio token.");
        }

        var principal = UserPrincipal.Create(user, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return ProblemResponses.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Niet aangemeld",
            "Het Studio-token ontbreekt, is ongeldig of verlopen. Laad de pagina opnieuw.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemResponses.WriteAsync(Context, StatusCodes.Status403Forbidden, "Geen toegang",
            "Uw rol geeft geen toegang tot deze handeling.");
}

/// <summary><c>GET /studio/token</c>: a Studio token for whoever is signed in (session cookie or API key).</summary>
internal static class IssueStudioToken
{
    public static IResult Handle(HttpContext context, StudioTokens tokens)
    {
        context.Response.Headers.CacheControl = "no-store";
        var user = context.User;
        if (user.Identity is not { IsAuthenticated: true, Name: { } name } || !Roles.All.Any(user.IsInRole))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Niet aangemeld",
                detail: "Meld u aan of geef een API-sleutel op om Elsa Studio te gebruiken.");
        }

        var (token, expiresAt) = tokens.Issue(name);
        return TypedResults.Json(new
        {
            token,
            expiresAt,
            userName = name,
            displayName = user.FindFirstValue("display_name") ?? name,
            canEditDefinitions = user.CanEditDefinitions(),
        });
    }
}
