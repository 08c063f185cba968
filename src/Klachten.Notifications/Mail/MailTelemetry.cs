using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Klachten.Notifications.Mail;

/// <summary>
/// Spans and counters of the mail hand-over. The span is a child of MassTransit's consume span, so one letter's trace
/// ends here. Neither carries addresses or content (personal data): only the transport, the server and the result.
/// Prometheus: <c>klachten_mail_sent_total{transport,result}</c>.
/// </summary>
internal static class MailTelemetry
{
    public const string Name = "Klachten.Notifications";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Sent = Meter.CreateCounter<long>("klachten.mail.sent", description: "E-mails handed over, by transport and result.");

    public static Activity? StartSend(string transport, string? server)
    {
        var activity = Source.StartActivity(transport + " send", transport == "smtp" ? ActivityKind.Client : ActivityKind.Internal);
        activity?.SetTag("klachten.mail.transport", transport);
        if (server is not null)
        {
            activity?.SetTag("server.address", server);
        }

        return activity;
    }

    public static void Record(Activity? activity, string transport, MailResult result)
    {
        activity?.SetTag("klachten.mail.result", result.ToString());
        if (result == MailResult.Rejected)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "recipient refused");
        }

        Sent.Add(1, new KeyValuePair<string, object?>("transport", transport), new KeyValuePair<string, object?>("result", result.ToString()));
    }
}
