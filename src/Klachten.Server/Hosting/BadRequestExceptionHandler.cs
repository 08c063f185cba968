using Klachten.Server.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace Klachten.Server.Hosting;

/// <summary>
/// Unbindable input (a query value that is not a number, an unreadable body) is the caller's mistake: answered with
/// its own 4xx status as problem details, never a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        await ProblemResponses.WriteAsync(httpContext, badRequest.StatusCode, "Ongeldig verzoek", $"Het verzoek kan niet worden gelezen: {badRequest.Message}");
        return true;
    }
}
