using System.Diagnostics;

namespace Klachten.ServiceDefaults.Telemetry;

/// <summary>
/// Names shared by every host. Our own spans and meters are named <c>Klachten.*</c> (all subscribed by
/// <see cref="TelemetryExtensions.AddKlachtenTelemetry"/>); MassTransit's are <c>MassTransit</c>.
/// </summary>
public static class KlachtenTelemetry
{
    /// <summary>Prefix of every Klachten activity source and meter.</summary>
    public const string Prefix = "Klachten.";

    /// <summary>MassTransit's own activity source and meter (publish, send, receive, consume).</summary>
    public const string MassTransit = "MassTransit";

    /// <summary>
    /// The W3C <c>traceparent</c> of the current span, to be stored with work that continues later elsewhere (an
    /// outbox row), or null when nothing is traced.
    /// </summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>
    /// Starts a span under a stored <c>traceparent</c> (see <see cref="CurrentTraceParent"/>), so that work picked
    /// up later continues the trace that created it; a root span when there is none or it does not parse.
    /// </summary>
    public static Activity? StartContinuation(this ActivitySource source, string name, string? traceParent, ActivityKind kind = ActivityKind.Internal)
    {
        var parent = traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;
        return source.StartActivity(name, kind, parent);
    }
}
