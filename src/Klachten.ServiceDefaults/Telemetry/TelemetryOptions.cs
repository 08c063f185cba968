namespace Klachten.ServiceDefaults.Telemetry;

/// <summary><c>Klachten:Telemetry</c>: where traces, metrics and logs go.</summary>
public sealed class TelemetryOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Klachten:Telemetry";

    /// <summary>
    /// OTLP collector (e.g. <c>http://otel-collector:4317</c>). Empty: no OTLP export. The standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable works as well (and <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, headers, …).
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Serve <c>/metrics</c> in the Prometheus text format.</summary>
    public bool PrometheusEnabled { get; set; } = true;

    /// <summary>
    /// Whether <c>/metrics</c> answers without credentials. Unset: only in Development. Otherwise the server asks for
    /// a beheerder (API key), and a worker, which has no users, does not serve <c>/metrics</c> at all; set it to true
    /// only where the port is reachable from the monitoring network alone (see deploy/OPERATIONS.md).
    /// </summary>
    public bool? AnonymousMetrics { get; set; }

    /// <summary>How often a server reads the gauges (instances, tasks, timers, outbox, letters) from the database.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);
}
