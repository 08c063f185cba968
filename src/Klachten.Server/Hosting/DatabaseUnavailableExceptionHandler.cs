using System.Data.Common;
using Klachten.Server.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace Klachten.Server.Hosting;

/// <summary>
/// The database away (restarted, network cut): the provider marks such errors transient. The caller gets a 503 problem
/// with <c>Retry-After</c> - try again shortly - instead of a 500, which would say the server is broken. The server
/// itself needs no operator: every request and background round opens its connections anew.
/// </summary>
internal sealed class DatabaseUnavailableExceptionHandler(ILogger<DatabaseUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTransientDatabaseFailure(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        logger.LogWarning("Database unavailable for {Method} {Path}: {Message}", httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await ProblemResponses.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable, "Tijdelijk niet beschikbaar",
            "De database is tijdelijk niet bereikbaar. Probeer het over enkele ogenblikken opnieuw.");
        return true;
    }

    private static bool IsTransientDatabaseFailure(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
