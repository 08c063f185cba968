using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Klachten.Web.Tests.Oidc;

/// <summary>A person known to the test provider; <paramref name="Groups"/> goes out in userinfo's <c>groups</c> claim.</summary>
internal sealed record ProviderUser(string Subject, string UserName, string Name, IReadOnlyList<string> Groups);

/// <summary>What the provider saw of one authorization request.</summary>
internal sealed record AuthorizationSeen(string? ClientId, string? CodeChallenge, string? CodeChallengeMethod);

/// <summary>What the provider saw of one end-session request.</summary>
internal sealed record EndSessionSeen(bool HadIdTokenHint, string? PostLogoutRedirectUri);

/// <summary>
/// A real OpenID Connect provider in the test process (OpenIddict in degraded mode: no database, the client and the
/// users are fixed here): authorization code flow with PKCE required, a confidential client, its own session
/// cookie with a tiny login form, userinfo and an end-session endpoint that ends that session. Plain http on
/// loopback, which OpenIddict allows only because transport security is switched off for this test.
/// </summary>
internal sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "klachten-staff";
    public const string ClientSecret = "test-provider-client-secret-0123456789";
    private const string SessionScheme = "provider-session";

    private readonly WebApplication _app;
    private readonly Uri _client;
    private readonly IReadOnlyDictionary<string, ProviderUser> _users;

    private TestOidcProvider(WebApplication app, Uri issuer, Uri client, IEnumerable<ProviderUser> users)
    {
        _app = app;
        Issuer = issuer;
        _client = client;
        _users = users.ToDictionary(u => u.UserName, StringComparer.Ordinal);
    }

    /// <summary>The issuer, <c>http://localhost:port/</c>: another site than the staff app on 127.0.0.1, as in production.</summary>
    public Uri Issuer { get; }

    public ConcurrentQueue<AuthorizationSeen> Authorizations { get; } = new();

    public ConcurrentQueue<EndSessionSeen> EndSessions { get; } = new();

    /// <summary>How often the provider showed its login form (it does when it has no session of its own).</summary>
    public int LoginFormsShown => _loginFormsShown;

    private int _loginFormsShown;

    public static async Task<TestOidcProvider> StartAsync(int port, Uri client, IEnumerable<ProviderUser> users)
    {
        var issuer = new Uri($"http://localhost:{port}/");
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddRouting();
        builder.Services.AddAuthentication(SessionScheme).AddCookie(SessionScheme, o =>
        {
            o.Cookie.Name = "provider.session";
            o.LoginPath = "/login";
        });
        builder.Services.AddOpenIddict().AddServer(o => ConfigureServer(o, issuer, client));

        var app = builder.Build();
        var provider = new TestOidcProvider(app, issuer, client, users);
        app.UseAuthentication();
        provider.MapEndpoints(app);
        await app.StartAsync();
        return provider;
    }

    /// <summary>
    /// The provider's first request took 7–11 s here (measured; the cold start of OpenIddict in the test process on a
    /// shared machine). A real provider is warm, so the fixture pays this once before any sign-in is timed.
    /// </summary>
    public async Task WarmUpAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var discovery = await client.GetAsync(new Uri(Issuer, "/.well-known/openid-configuration"));
        discovery.EnsureSuccessStatusCode();
    }

    private static void ConfigureServer(OpenIddictServerBuilder o, Uri issuer, Uri client)
    {
        o.SetIssuer(issuer)
            .SetAuthorizationEndpointUris("connect/authorize")
            .SetTokenEndpointUris("connect/token")
            .SetUserInfoEndpointUris("connect/userinfo")
            .SetEndSessionEndpointUris("connect/endsession");
        o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
        o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email);
        o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
        o.EnableDegradedMode();
        o.UseAspNetCore()
            .DisableTransportSecurityRequirement()
            .EnableAuthorizationEndpointPassthrough()
            .EnableUserInfoEndpointPassthrough()
            .EnableEndSessionEndpointPassthrough();

        // Degraded mode has no application store: these handlers are the client registration.
        var redirectUri = new Uri(client, "/signin-oidc").AbsoluteUri;
        var postLogoutRedirectUri = new Uri(client, "/signout-callback-oidc").AbsoluteUri;
        o.AddEventHandler<ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
        {
            if (context.ClientId != ClientId || context.RedirectUri != redirectUri)
            {
                context.Reject(Errors.InvalidClient, "Unknown client or redirect_uri.");
            }

            return default;
        }));
        o.AddEventHandler<ValidateTokenRequestContext>(b => b.UseInlineHandler(context =>
        {
            if (context.Request.ClientId != ClientId || context.Request.ClientSecret != ClientSecret)
            {
                context.Reject(Errors.InvalidClient, "Wrong client credentials.");
            }

            return default;
        }));
        o.AddEventHandler<ValidateEndSessionRequestContext>(b => b.UseInlineHandler(context =>
        {
            if (context.PostLogoutRedirectUri is { } uri && uri != postLogoutRedirectUri)
            {
                context.Reject(Errors.InvalidRequest, "Unknown post_logout_redirect_uri.");
            }

            return default;
        }));
    }

    private void MapEndpoints(WebApplication app)
    {
        app.MapGet("/login", (HttpContext http) =>
        {
            Interlocked.Increment(ref _loginFormsShown);
            return Results.Content(LoginForm(http.Request.Query["ReturnUrl"].ToString()), "text/html; charset=utf-8");
        });
        app.MapPost("/login", Handler(SignInAsync));
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], Handler(AuthorizeAsync));
        app.MapMethods("/connect/userinfo", [HttpMethods.Get, HttpMethods.Post], Handler(UserInfoAsync));
        app.MapMethods("/connect/endsession", [HttpMethods.Get, HttpMethods.Post], Handler(EndSessionAsync));
    }

    // As a Delegate, not a RequestDelegate, so that the returned IResult is executed.
    private static Delegate Handler(Func<HttpContext, Task<IResult>> handler) => handler;

    private async Task<IResult> SignInAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        var returnUrl = form["returnUrl"].ToString();
        if (!returnUrl.StartsWith("/connect/authorize?", StringComparison.Ordinal))
        {
            return Results.BadRequest();
        }

        if (form.ContainsKey("cancel"))
        {
            return Results.Redirect(returnUrl + "&test_cancel=1");
        }

        if (!_users.ContainsKey(form["username"].ToString()))
        {
            return Results.BadRequest();
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, form["username"].ToString())], SessionScheme);
        await http.SignInAsync(SessionScheme, new ClaimsPrincipal(identity));
        return Results.Redirect(returnUrl);
    }

    private async Task<IResult> AuthorizeAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        Authorizations.Enqueue(new AuthorizationSeen(request.ClientId, request.CodeChallenge, request.CodeChallengeMethod));
        if (http.Request.Query.ContainsKey("test_cancel"))
        {
            // The user cancelled at the login form: the client gets error=access_denied.
            var refusal = new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The user cancelled the sign-in.",
            });
            return Results.Forbid(refusal, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var session = await http.AuthenticateAsync(SessionScheme);
        if (!session.Succeeded || !_users.TryGetValue(session.Principal.Identity?.Name ?? "", out var user))
        {
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.Path + http.Request.QueryString }, [SessionScheme]);
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject).SetClaim(Claims.Name, user.Name).SetClaim(Claims.PreferredUsername, user.UserName);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    // Groups only here, not in the ID token: the staff app must read userinfo to see them (as with some providers).
    private async Task<IResult> UserInfoAsync(HttpContext http)
    {
        var token = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var subject = token.Principal?.GetClaim(Claims.Subject);
        var user = _users.Values.SingleOrDefault(u => u.Subject == subject);
        if (user is null)
        {
            return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        return Results.Json(new Dictionary<string, object>
        {
            [Claims.Subject] = user.Subject,
            [Claims.Name] = user.Name,
            [Claims.PreferredUsername] = user.UserName,
            ["groups"] = user.Groups,
        });
    }

    private async Task<IResult> EndSessionAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        EndSessions.Enqueue(new EndSessionSeen(!string.IsNullOrEmpty(request.IdTokenHint), request.PostLogoutRedirectUri));
        await http.SignOutAsync(SessionScheme);
        // OpenIddict sends the browser on to the validated post_logout_redirect_uri (with the state).
        return Results.SignOut(new AuthenticationProperties { RedirectUri = _client.AbsoluteUri }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static string LoginForm(string returnUrl) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Test provider — sign in</title></head>
        <body><h1>Sign in to the test provider</h1>
        <form method="post" action="/login">
        <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}">
        <label for="username">User name</label> <input id="username" name="username" autocomplete="off">
        <button type="submit">Sign in</button> <button type="submit" name="cancel" value="1">Cancel</button>
        </form></body></html>
        """;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
