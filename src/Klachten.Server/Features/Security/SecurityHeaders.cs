using Klachten.Server.Common;
using Klachten.Server.Features.Auth;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Klachten.Server.Features.Security;

/// <summary>
/// Headers every response carries: a Content-Security-Policy without inline script (Elsa Studio's pages get what the
/// WebAssembly app needs), no sniffing, no framing, no referrer outside the site, no device APIs, HSTS on https
/// outside Development, and <c>Cache-Control: no-store</c> unless the endpoint chose its own caching (only the
/// static bundle does): staff pages, the API and PDFs all carry personal data.
/// </summary>
internal static class SecurityHeaders
{
    private const string StaffPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    // Blazor WebAssembly compiles its runtime (wasm-unsafe-eval); MudBlazor and Monaco set inline styles and Monaco
    // starts its workers from blob URLs. The two inline scripts Studio 3.8.2 renders itself (window.editorHotkeys: the
    // editor's Ctrl+S and the instance list's Ctrl+R) are allowed by their hashes; without them the view fails with
    // "Could not find 'editorHotkeys.register'". No other inline script (a Studio test scans the bundle), no framing.
    private const string StudioPolicy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-snlP1jz0gjwc5cTz9ErZcliXuCK63+Mmf68RRCeptgc=' 'sha256-vu6sQrKXQHR4Yn3FMMihA/9TxxfIXnCxKwvLrTPJ5ts='; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    private const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

    public static IHostApplicationBuilder AddSecurityHeaders(this IHostApplicationBuilder builder)
    {
        var proxy = builder.AddValidatedOptions<ProxyOptions>(ProxyOptions.SectionName);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (proxy.KnownProxies.Count > 0 || proxy.KnownNetworks.Count > 0)
            {
                o.KnownProxies.Clear();
                o.KnownIPNetworks.Clear();
                proxy.KnownProxies.ForEach(p => o.KnownProxies.Add(System.Net.IPAddress.Parse(p)));
                proxy.KnownNetworks.ForEach(n => o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(n)));
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline: the forwarded scheme decides HSTS and the cookies' Secure flag.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        var hsts = !app.Environment.IsDevelopment();
        var signOutTarget = FormTarget(app.Services.GetRequiredService<IOptions<OidcOptions>>().Value);
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                Apply(context, hsts, signOutTarget);
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    private static void Apply(HttpContext context, bool hsts, string? signOutTarget)
    {
        var headers = context.Response.Headers;
        var studio = context.Request.Path.StartsWithSegments("/studio");
        var policy = studio ? StudioPolicy : StaffPolicy;
        // Sign-out posts to /afmelden, which redirects to the provider's end-session endpoint: form-action covers it.
        headers.ContentSecurityPolicy = signOutTarget is null ? policy : $"{policy} {signOutTarget}";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (hsts && context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }

        if (string.IsNullOrEmpty(headers.CacheControl))
        {
            headers.CacheControl = "no-store";
        }
    }

    private static string? FormTarget(OidcOptions oidc) =>
        oidc.IsConfigured && Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) ? authority.GetLeftPart(UriPartial.Authority) : null;
}
