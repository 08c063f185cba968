using System.Net;
using System.Text.RegularExpressions;
using Klachten.Server.Tests.Support;
using Klachten.Server.Tests.Web;
using Microsoft.AspNetCore.Http;

namespace Klachten.Server.Tests.Security;

/// <summary>
/// Issue 13 items 5 and 8: security headers on every page, no inline script, <c>no-store</c> on everything with
/// personal data, HSTS on https outside Development, and the cookies' Secure flag from the scheme the trusted proxy
/// reports (and only a trusted one).
/// </summary>
public sealed partial class SecurityHeadersTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Theory]
    [InlineData("/aanmelden", null)]
    [InlineData("/", "directeur")]
    [InlineData("/klachten", "directeur")]
    [InlineData("/klachten/nieuw", "medewerker")]
    [InlineData("/overzicht", "directeur")]
    [InlineData("/overzicht?handler=csv", "directeur")]
    [InlineData("/api/tasks", "directeur")]
    [InlineData("/elsa/api/workflow-definitions", "procesbeheerder")]
    public async Task StaffPageOrApi_Response_CarriesTheSecurityHeadersAndNoStore(string path, string? user)
    {
        using var session = await WebSession.SignInAsync(fixture.Factory, user);
        if (path.StartsWith("/api", StringComparison.Ordinal) || path.StartsWith("/elsa", StringComparison.Ordinal))
        {
            session.Client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"ApiKey dev-{user}");
        }

        using var response = await session.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.Contains("no-store", Header(response, "Cache-Control"), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS in Development over http");
    }

    [Theory]
    [InlineData("/aanmelden", null)]
    [InlineData("/", "directeur")]
    [InlineData("/klachten/nieuw", "medewerker")]
    [InlineData("/overzicht", "beheerder")]
    public async Task StaffPage_Html_HasNoInlineScriptOrStyle(string path, string? user)
    {
        using var session = await WebSession.SignInAsync(fixture.Factory, user);
        var html = await session.Client.GetStringAsync(path);

        Assert.Contains("<main", html, StringComparison.Ordinal);
        Assert.Empty(InlineScript().Matches(html));
        Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.Empty(InlineHandler().Matches(html));
    }

    [Fact]
    public async Task StudioPage_Policy_AllowsWebAssemblyButNoInlineScriptOrFraming()
    {
        using var client = fixture.Factory.CreateClient();
        using var response = await client.GetAsync("/studio/");
        var html = await response.Content.ReadAsStringAsync();
        var csp = Header(response, "Content-Security-Policy");

        Assert.Contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-snlP1jz0gjwc5cTz9ErZcliXuCK63+Mmf68RRCeptgc=' 'sha256-vu6sQrKXQHR4Yn3FMMihA/9TxxfIXnCxKwvLrTPJ5ts=';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/js/studio-host.js\"></script>", html, StringComparison.Ordinal);
        Assert.Empty(InlineScript().Matches(html));
        using var script = await client.GetAsync("/js/studio-host.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("customElements.whenDefined", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaticStylesheet_KeepsItsOwnCaching()
    {
        using var client = fixture.Factory.CreateClient();
        using var response = await client.GetAsync("/css/site.css");
        Assert.Equal("public, max-age=3600", Header(response, "Cache-Control"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task SignInCookies_BehindATrustedProxyOnHttps_AreSecure()
    {
        var (antiforgery, session) = await SignInThroughProxyAsync(fixture.Factory, forwardedProto: "https");
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignInCookies_OnPlainHttp_AreNotMarkedSecure()
    {
        var (antiforgery, session) = await SignInThroughProxyAsync(fixture.Factory, forwardedProto: null);
        Assert.DoesNotContain("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ForwardedProto_FromAnAddressThatIsNotAKnownProxy_IsIgnored()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite, "proxy");
        var settings = database.Settings();
        settings["Klachten:Proxy:KnownProxies:0"] = "10.9.9.9";
        await using var factory = new KlachtenFactory(settings);

        var (antiforgery, session) = await SignInThroughProxyAsync(factory, forwardedProto: "https");

        Assert.DoesNotContain("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", session, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Production", "https", true)]
    [InlineData("Production", null, false)]
    [InlineData("Development", "https", false)]
    public async Task Hsts_OnlyOnHttpsOutsideDevelopment(string environment, string? forwardedProto, bool expected)
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite, "hsts");
        if (environment != "Development")
        {
            var migrated = await ServerProcess.RunAsync(["--migrate"], database.Settings(), environment);
            Assert.True(migrated.ExitCode == 0, migrated.Output);
        }

        await using var factory = new KlachtenFactory(database.Settings(), environment);
        var context = await factory.Server.SendAsync(c => Request(c, "GET", "/health/live", forwardedProto));

        Assert.Equal(expected, context.Response.Headers.StrictTransportSecurity.ToString() == "max-age=31536000; includeSubDomains");
        Assert.Contains("no-store", context.Response.Headers.CacheControl.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Through the in-process server with the connection's peer set to loopback (the default trusted proxy): the
    /// sign-in page's anti-forgery cookie, then the session cookie of a successful sign-in.
    /// </summary>
    private static async Task<(string Antiforgery, string Session)> SignInThroughProxyAsync(KlachtenFactory factory, string? forwardedProto)
    {
        var page = await factory.Server.SendAsync(c => Request(c, "GET", "/aanmelden", forwardedProto));
        var antiforgery = page.Response.Headers.SetCookie.Single(c => c!.StartsWith("klachten.af=", StringComparison.Ordinal))!;
        var html = await new StreamReader(page.Response.Body).ReadToEndAsync();
        var token = WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value);
        var posted = await factory.Server.SendAsync(c =>
        {
            Request(c, "POST", "/aanmelden", forwardedProto);
            c.Request.Headers.Cookie = antiforgery.Split(';')[0];
            c.Request.ContentType = "application/x-www-form-urlencoded";
            var body = $"gebruikersnaam=directeur&wachtwoord=directeur&returnUrl=%2F&__af={Uri.EscapeDataString(token)}";
            c.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));
        });
        Assert.Equal(302, posted.Response.StatusCode);
        var session = posted.Response.Headers.SetCookie.Single(c => c!.StartsWith("klachten.sessie=", StringComparison.Ordinal))!;
        return (antiforgery, session);
    }

    private static void Request(HttpContext context, string method, string path, string? forwardedProto)
    {
        context.Request.Method = method;
        context.Request.Path = path;
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        if (forwardedProto is not null)
        {
            context.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
            context.Request.Headers["X-Forwarded-For"] = "192.0.2.10";
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content) : "";

    [GeneratedRegex("""<script(?![^>]*\bsrc=)[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("""<[a-z][^>]*\son[a-z]+=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();

    [GeneratedRegex("""<input[^>]*name="__af"[^>]*value="([^"]+)"[^>]*>""")]
    private static partial Regex Token();
}
