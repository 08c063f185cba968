using Microsoft.AspNetCore.Authentication.Cookies;

namespace Klachten.Server.Features.Auth;

/// <summary>
/// One default scheme that forwards by request: an API key header to the API-key handler, a bearer token to the
/// Studio bearer handler, anything else to the staff sign-in cookie.
/// </summary>
internal static class AuthSchemes
{
    public const string Default = "klachten";
    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Oidc = "oidc";

    public static string Select(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase))
        {
            return ApiKeyAuthenticationHandler.SchemeName;
        }

        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            // Studio bearer tokens (issued by GET /studio/token, Features/Studio/StudioToken.cs).
            return Studio.StudioTokenAuthenticationHandler.SchemeName;
        }

        // The API changes state only for an API key or a bearer token: a sign-in cookie travels with every
        // cross-site request, so accepting it here would make every unsafe API call forgeable (README, "Security").
        if (IsApi(context.Request) && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            && !HttpMethods.IsOptions(context.Request.Method))
        {
            return ApiKeyAuthenticationHandler.SchemeName;
        }

        return Cookie;
    }

    /// <summary>Machine routes answer 401/403 problem details; they never redirect to the sign-in page.</summary>
    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/elsa/api")
        || Common.MachineEndpoint.Is(request.HttpContext)
        || request.Path.StartsWithSegments(ServiceDefaults.Telemetry.TelemetryExtensions.MetricsPath);
}
