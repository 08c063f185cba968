using Klachten.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Klachten.ServiceDefaults;

/// <summary>What every Klachten host shares: problem details, health checks and their endpoints, telemetry and <c>/metrics</c>.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Tag of checks that decide readiness (database, broker, migrations); liveness runs none.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Adds problem details and health checks.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks();
        builder.AddKlachtenTelemetry();
        return builder;
    }

    /// <summary>
    /// Maps <c>/health/live</c> (the process answers), <c>/health/ready</c> (its dependencies answer) and <c>/metrics</c>
    /// (when not anonymous, for callers that pass <paramref name="metricsPolicy"/>; see <see cref="TelemetryExtensions.MapKlachtenMetrics"/>).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app, string? metricsPolicy = null)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .AllowAnonymous();
        app.MapKlachtenMetrics(metricsPolicy);
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        });
    }
}
