using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Klachten.Server.Common;
using Microsoft.Extensions.Options;

namespace Klachten.Server.Features.Auth;

/// <summary>
/// Throttles guessing: sign-in posts per client through ASP.NET Core's rate limiter, and failed API-key or bearer
/// authentications per client through <see cref="FailedAuthentications"/>; both answer 429 with <c>Retry-After</c>.
/// A client is its IP address after the trusted proxy's <c>X-Forwarded-For</c> (Klachten:Proxy).
/// </summary>
internal static class AuthThrottling
{
    public static IHostApplicationBuilder AddAuthThrottling(this IHostApplicationBuilder builder)
    {
        var options = builder.AddValidatedOptions<ThrottlingOptions>(ThrottlingOptions.SectionName);
        builder.Services.AddSingleton<SignInLockout>();
        builder.Services.AddSingleton<FailedAuthentications>();
        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignInAttempt(context.Request)
                ? RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.SignInAttempts,
                    Window = options.Window,
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty));
            o.OnRejected = (context, _) => Throttled.WriteAsync(context.HttpContext,
                context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : options.Window);
        });
        return builder;
    }

    /// <summary>After the forwarded headers (the client address) and before authentication (no key lookup when blocked).</summary>
    public static WebApplication UseAuthThrottling(this WebApplication app)
    {
        app.UseRateLimiter();
        var failed = app.Services.GetRequiredService<FailedAuthentications>();
        app.Use(async (context, next) =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            var credentials = header.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase) || header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
            if (credentials && failed.IsBlocked(ClientKey(context), out var retryAfter))
            {
                await Throttled.WriteAsync(context, retryAfter);
                return;
            }

            await next(context);
        });
        return app;
    }

    public static string ClientKey(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static bool IsSignInAttempt(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals(WebSignIn.SignInPath, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Counts failed API-key and bearer authentications per client in a fixed window.</summary>
internal sealed class FailedAuthentications(IOptions<ThrottlingOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.FailedAuthentications,
            Window = options.Value.Window,
            QueueLimit = 0,
        }));

    public void Record(HttpContext context)
    {
        using var _ = _limiter.AttemptAcquire(AuthThrottling.ClientKey(context));
    }

    public bool IsBlocked(string client, out TimeSpan retryAfter)
    {
        // Zero permits asks whether any are left without taking one.
        using var lease = _limiter.AttemptAcquire(client, permitCount: 0);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.Value.Window;
        return !lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>The 429 answer: a problem for the API and machines, a Dutch page for a browser.</summary>
internal static class Throttled
{
    public static async ValueTask WriteAsync(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = $"Te veel pogingen vanaf dit adres. Probeer het over {seconds} seconden opnieuw.";
        if (AuthSchemes.IsApi(context.Request) || !context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal))
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Te veel verzoeken", detail);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="nl"><head><meta charset="utf-8"><title>Te veel pogingen — Klachten</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main class="breed"><h1>Te veel pogingen</h1><p>{{WebUtility.HtmlEncode(detail)}}</p><p><a href="{{WebSignIn.SignInPath}}">Terug naar aanmelden</a></p></main></body></html>
            """);
    }
}
