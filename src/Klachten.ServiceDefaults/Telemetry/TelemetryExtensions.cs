using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Klachten.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry for every host: traces (HTTP in and out, MassTransit, our <c>Klachten.*</c> spans), metrics
/// (ASP.NET Core, MassTransit, our <c>Klachten.*</c> meters) at <c>/metrics</c> in the Prometheus text format, and
/// OTLP export of traces, metrics and logs when an endpoint is configured.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Path of the Prometheus scraping endpoint.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Adds tracing, metrics and (when configured) OTLP export.</summary>
    public static IHostApplicationBuilder AddKlachtenTelemetry(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddSingleton(options);
        var otlp = !string.IsNullOrWhiteSpace(options.OtlpEndpoint) || !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        // Log records carry the message template and its parameters, which name ids (instance, task, letter,
        // message), never complaint content: that lives in domain tables only (see docs/design.md, AVG).
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeScopes = true;
            o.IncludeFormattedMessage = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Environment.ApplicationName, serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing => tracing
                .AddSource(KlachtenTelemetry.Prefix + "*", KlachtenTelemetry.MassTransit)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsInfrastructure(context.Request.Path))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(KlachtenTelemetry.Prefix + "*", KlachtenTelemetry.MassTransit)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (options.PrometheusEnabled)
                {
                    metrics.AddPrometheusExporter();
                }
            });

        if (otlp)
        {
            // Traces, metrics and logs; OTEL_EXPORTER_OTLP_* variables refine it (protocol, headers).
            if (string.IsNullOrWhiteSpace(options.OtlpEndpoint))
            {
                telemetry.UseOtlpExporter();
            }
            else
            {
                telemetry.UseOtlpExporter(OtlpExportProtocol.Grpc, new Uri(options.OtlpEndpoint));
            }
        }

        return builder;
    }

    /// <summary>
    /// Maps <c>/metrics</c>: anonymous where <see cref="TelemetryOptions.AnonymousMetrics"/> allows it (keep it off the
    /// public proxy, as deploy/ does); otherwise behind <paramref name="authorizationPolicy"/>, or not at all in a
    /// host without one (a worker has no users to authenticate).
    /// </summary>
    public static WebApplication MapKlachtenMetrics(this WebApplication app, string? authorizationPolicy = null)
    {
        var options = app.Services.GetRequiredService<TelemetryOptions>();
        if (!options.PrometheusEnabled)
        {
            return app;
        }

        if (options.AnonymousMetrics ?? app.Environment.IsDevelopment())
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        }
        else if (authorizationPolicy is not null)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(authorizationPolicy);
        }

        return app;
    }

    private static bool IsInfrastructure(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase);
}
