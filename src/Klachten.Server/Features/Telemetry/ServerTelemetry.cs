using System.Diagnostics;
using Klachten.ServiceDefaults.Telemetry;

namespace Klachten.Server.Features.Telemetry;

/// <summary>
/// The server's spans. One letter is one trace: the HTTP request (or timer) runs a <c>workflow step</c>; the step
/// stores its <c>traceparent</c> with each outbox row; the relay's <c>outbox publish</c> continues that trace, and
/// MassTransit carries it in the message headers to the consumer (the notification service's <c>smtp send</c>).
/// </summary>
internal static class ServerTelemetry
{
    public const string SourceName = KlachtenTelemetry.Prefix + "Server";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>A workflow step (start, resume, cancel, retry) around its transaction.</summary>
    public static Activity? StartStep(string operation, string instanceId, string? definitionId = null)
    {
        var activity = Source.StartActivity("workflow " + operation);
        activity?.SetTag("klachten.workflow.instance_id", instanceId);
        if (definitionId is not null)
        {
            activity?.SetTag("klachten.workflow.definition_id", definitionId);
        }

        return activity;
    }

    /// <summary>Publishing one outbox row, as a child of the step that committed it.</summary>
    public static Activity? StartPublish(string messageId, string messageType, string? traceParent)
    {
        var activity = Source.StartContinuation("outbox publish " + messageType, traceParent, ActivityKind.Producer);
        activity?.SetTag("messaging.message.id", messageId);
        activity?.SetTag("klachten.message_type", messageType);
        return activity;
    }
}
