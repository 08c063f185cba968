namespace Klachten.Server.Common;

/// <summary>
/// One ceiling for every request body, above the per-endpoint limits (complaints 64 KB, definitions 2 MB), instead of
/// Kestrel's 30 MB default: a declared length above it is refused at once with a 413 problem, and Kestrel stops a
/// chunked body that grows past it.
/// </summary>
internal static class RequestSizeLimit
{
    public const long MaxBodyBytes = 4 * 1024 * 1024;

    public static WebApplicationBuilder AddRequestSizeLimit(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = MaxBodyBytes);
        return builder;
    }

    public static WebApplication UseRequestSizeLimit(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > MaxBodyBytes)
            {
                await ProblemResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Verzoek te groot",
                    $"De inhoud is groter dan {MaxBodyBytes / 1024 / 1024} MB.");
                return;
            }

            await next(context);
        });
        return app;
    }
}
