using System.Globalization;
using System.Net;
using Klachten.Server.Tests.Procedure;
using Klachten.Testing;

namespace Klachten.Server.Tests.Telemetry;

/// <summary><c>/metrics</c> in the Prometheus text format, anonymous, with the operator's gauges.</summary>
public sealed class MetricsEndpointTests(TelemetryFixture fixture) : IClassFixture<TelemetryFixture>
{
    private readonly ProcedureDriver _driver = new(fixture.Factory);

    [Fact]
    public async Task Metrics_AfterOneReceiptLetter_ShowsTheNamedGauges()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.TodayAsync()));
        await _driver.ConfirmReceiptAsync(complaint);
        await _driver.LettersSettledAsync();
        using var anonymous = fixture.Factory.CreateClient();

        var text = await Eventually.Until(
            async () => await anonymous.GetStringAsync("/metrics"),
            // The e-mails are counted when the SMTP server accepted them, which may come a moment after the letter's row.
            t => Value(t, "klachten_letters", "status=\"Sent\"") >= 1 && Value(t, "klachten_tasks_open") >= 1 && Value(t, "klachten_mail_sent_total", "result=\"Accepted\"") >= 2,
            TimeSpan.FromSeconds(30));

        // One receipt letter (one row, whatever its recipients), e-mailed to the complainant and the manager.
        Assert.True(Value(text, "klachten_workflow_instances", "status=\"Running\"") >= 1, text);
        Assert.True(Value(text, "klachten_tasks_overdue") >= 0, text);
        Assert.True(Value(text, "klachten_timer_lag_seconds") >= 0, text);
        Assert.True(Value(text, "klachten_outbox_backlog") >= 0, text);
        Assert.True(Value(text, "klachten_outbox_parked") >= 0, text);
        Assert.True(Value(text, "klachten_mail_sent_total", "result=\"Accepted\"") >= 2, text);
        Assert.Contains("# TYPE klachten_tasks_open gauge", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_NeedNoApiKey_AndAreNotTraced()
    {
        using var anonymous = fixture.Factory.CreateClient();

        var response = await anonymous.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.SpansSnapshot(), s => s.GetTagItem("url.path") is "/metrics");
    }

    // The sample's value of the first series of the metric whose labels contain the given text; -1 when absent.
    private static double Value(string text, string metric, string labels = "")
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(metric, StringComparison.Ordinal) && (line.Length > metric.Length && (line[metric.Length] == ' ' || line[metric.Length] == '{'))
                && line.Contains(labels, StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                // "name{labels} value timestamp" or "name value timestamp"
                var value = line.Contains('}', StringComparison.Ordinal) ? line[(line.LastIndexOf('}') + 2)..].Split(' ')[0] : parts[1];
                return double.Parse(value, CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }
}
