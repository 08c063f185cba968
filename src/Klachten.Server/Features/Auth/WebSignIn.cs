using System.Security.Claims;
using Klachten.Server.Common;
using Klachten.Server.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Klachten.Server.Features.Auth;

/// <summary>
/// Staff sign-in for the web app: a session cookie, issued after OpenID Connect (production) or after the local
/// Development sign-in form (<see cref="WebSignIn.LocalSignInAllowed"/>).
/// </summary>
internal static class WebSignIn
{
    public const string SignInPath = "/aanmelden";
    public const string SignOutPath = "/afmelden";
    public const string AccessDeniedPath = "/geen-toegang";

    /// <summary>Local accounts (password) sign in only in Development; never anywhere else.</summary>
    public static bool LocalSignInAllowed(IHostEnvironment environment) => environment.IsDevelopment();

    public static AuthenticationBuilder AddWebSignIn(this AuthenticationBuilder auth, IHostApplicationBuilder builder)
    {
        var oidc = builder.AddValidatedOptions<OidcOptions>(OidcOptions.SectionName);
        auth.AddCookie(AuthSchemes.Cookie, o =>
        {
            o.Cookie.Name = "klachten.sessie";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = SignInPath;
            o.LogoutPath = SignOutPath;
            o.AccessDeniedPath = AccessDeniedPath;
            o.Events.OnRedirectToLogin = context => IsApi(context) ? Unauthorized(context.HttpContext) : Redirect(context);
            o.Events.OnRedirectToAccessDenied = context => IsApi(context) ? Forbidden(context.HttpContext) : Redirect(context);
            o.Events.OnValidatePrincipal = ValidateSessionAsync;
            if (oidc.IsConfigured)
            {
                o.ForwardChallenge = AuthSchemes.Oidc;
            }
        });

        if (oidc.IsConfigured)
        {
            auth.AddOpenIdConnect(AuthSchemes.Oidc, o => Configure(o, oidc));
        }

        return auth;
    }

    private static void Configure(OpenIdConnectOptions o, OidcOptions oidc)
    {
        o.SignInScheme = AuthSchemes.Cookie;
        o.Authority = oidc.Authority;
        o.ClientId = oidc.ClientId;
        o.ClientSecret = string.IsNullOrWhiteSpace(oidc.ClientSecret) ? null : oidc.ClientSecret;
        o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        o.ResponseType = "code";
        o.UsePkce = true;
        // Saved so that sign-out can send id_token_hint; OnTicketReceived drops every other token.
        o.SaveTokens = true;
        o.MapInboundClaims = false;
        o.GetClaimsFromUserInfoEndpoint = true;
        // Userinfo claims reach the principal only through claim actions; some providers send roles and groups only there.
        o.ClaimActions.MapUniqueJsonKey(oidc.UserNameClaim, oidc.UserNameClaim);
        o.ClaimActions.MapJsonKey(oidc.RoleClaim, oidc.RoleClaim);
        o.CallbackPath = "/signin-oidc";
        o.SignedOutCallbackPath = "/signout-callback-oidc";
        o.Scope.Clear();
        foreach (var scope in oidc.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            o.Scope.Add(scope);
        }

        o.Events.OnRedirectToIdentityProvider = async context =>
        {
            if (AuthSchemes.IsApi(context.Request))
            {
                context.HandleResponse();
                await Unauthorized(context.HttpContext);
            }
        };
        // After the ID token and userinfo, just before the cookie is written: the principal and tokens the cookie keeps.
        o.Events.OnTicketReceived = async context =>
        {
            var accounts = context.HttpContext.RequestServices.GetRequiredService<SignInAccounts>();
            if (await ToStaffPrincipalAsync(context.Principal!, oidc, accounts, context.HttpContext.RequestAborted) is not { } principal)
            {
                // A disabled account: no session; the page says so.
                context.Response.Redirect($"{AccessDeniedPath}?aanmelden=uitgeschakeld");
                context.HandleResponse();
                return;
            }

            context.Principal = principal;
            KeepOnlyIdToken(context.Properties!);
        };
        // A refusal or cancel at the provider, or a stale sign-in (the correlation cookie expired): a Dutch page that
        // offers to try again, not an error response and not an automatic new attempt that could loop.
        o.Events.OnRemoteFailure = context =>
        {
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebSignIn));
            // The provider's error code only: its error_description can name the user (Entra's AADSTS50105 does).
            var error = context.Request.HasFormContentType ? context.Request.Form["error"].ToString() : context.Request.Query["error"].ToString();
            logger.LogWarning("OpenID Connect sign-in failed: {FailureType}, provider error {ProviderError}", context.Failure?.GetType().Name, error);
            context.Response.Redirect($"{AccessDeniedPath}?aanmelden=mislukt");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// The provider says who it is; the account of that name (created now at the first sign-in) gives the roles, after
    /// the roles the provider's role claim grants through <see cref="OidcOptions.MapRoles"/> were added to it. A
    /// disabled account gets null: no session. The cookie keeps only what the app needs.
    /// </summary>
    internal static async Task<ClaimsPrincipal?> ToStaffPrincipalAsync(ClaimsPrincipal external, OidcOptions oidc, SignInAccounts accounts, CancellationToken cancellationToken)
    {
        var userName = external.FindFirst(oidc.UserNameClaim)?.Value ?? external.FindFirst("email")?.Value ?? external.FindFirst("sub")?.Value ?? "onbekend";
        var granted = oidc.MapRoles(external.FindAll(oidc.RoleClaim).Select(c => c.Value)).Distinct(StringComparer.Ordinal).ToList();
        var user = await accounts.SignedInAsync(userName, external.FindFirst("name")?.Value, external.FindFirst("email")?.Value, granted, cancellationToken);
        return user.DisabledAt is null ? UserPrincipal.Create(user, AuthSchemes.Oidc) : null;
    }

    /// <summary>
    /// Every request with a session cookie: a disabled or removed account loses its session at once, and changed roles
    /// or name take effect at once (the cookie is renewed with them). One small read by primary key.
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var name = context.Principal?.Identity?.Name;
        var db = context.HttpContext.RequestServices.GetRequiredService<KlachtenDbContext>();
        var user = name is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == name, context.HttpContext.RequestAborted);
        if (user is null || user.DisabledAt is not null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
            return;
        }

        var current = context.Principal!.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal);
        if (!current.SequenceEqual(user.RoleList.Order(StringComparer.Ordinal), StringComparer.Ordinal)
            || context.Principal.FindFirst("display_name")?.Value != user.DisplayName)
        {
            var scheme = context.Principal.Identity!.AuthenticationType ?? AuthSchemes.Cookie;
            context.ReplacePrincipal(UserPrincipal.Create(user, scheme));
            context.ShouldRenew = true;
        }
    }

    private static void KeepOnlyIdToken(AuthenticationProperties properties)
    {
        var idToken = properties.GetTokenValue(OpenIdConnectParameterNames.IdToken);
        properties.StoreTokens(idToken is null ? [] : [new AuthenticationToken { Name = OpenIdConnectParameterNames.IdToken, Value = idToken }]);
    }

    private static bool IsApi(RedirectContext<CookieAuthenticationOptions> context) => AuthSchemes.IsApi(context.Request);

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    // The same answers the API-key handler gives, so a call without credentials looks the same either way.
    private static Task Unauthorized(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = ApiKeyAuthenticationHandler.SchemeName;
        return ProblemResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, "Niet aangemeld",
            "Geef een geldige API-sleutel mee: Authorization: ApiKey <sleutel>.");
    }

    private static Task Forbidden(HttpContext context) =>
        ProblemResponses.WriteAsync(context, StatusCodes.Status403Forbidden, "Geen toegang", "Uw rol geeft geen toegang tot deze handeling.");
}
