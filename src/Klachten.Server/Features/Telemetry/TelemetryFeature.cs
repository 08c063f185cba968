namespace Klachten.Server.Features.Telemetry;

/// <summary>The server's part of telemetry; traces, <c>/metrics</c> and OTLP come with the service defaults.</summary>
internal static class TelemetryFeature
{
    public static IHostApplicationBuilder AddServerTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ServerMetrics>();
        builder.Services.AddHostedService<ServerMetricsSampler>();
        return builder;
    }
}
