using System.Globalization;
using System.Net;
using Klachten.Server.Tests.Procedure;
using Klachten.Testing;

namespace Klachten.Server.Tests.Telemetry;

/// <summary>
/// <c>/metrics</c> in the Prometheus text format, anonymous, with the operator's gauges. Alone in its collection: the
/// e-mail counter's meter is process-wide, so another host sending e-mail at the same time would change the exact count.
/// </summary>
[Collection(MetricsCollection.Name)]
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
            t => Value(t, "klachten_letters", "status=\"Sent\"") == 1 && Value(t, "klachten_tasks_open") == 1 && Value(t, "klachten_outbox_backlog") == 0
                && Value(t, "klachten_mail_sent_total", "result=\"Accepted\"") == 2,
            TimeSpan.FromSeconds(30));

        // One case waiting on its contact task; one receipt letter (one row, whatever its recipients), e-mailed to the
        // complainant and the manager; nothing overdue, late, waiting or parked.
        Assert.Equal(1, Value(text, "klachten_workflow_instances", "status=\"Running\""));
        Assert.Equal(1, Value(text, "klachten_tasks_open"));
        Assert.Equal(0, Value(text, "klachten_tasks_overdue"));
        Assert.Equal(0, Value(text, "klachten_timer_lag_seconds"));
        Assert.Equal(0, Value(text, "klachten_outbox_backlog"));
        Assert.Equal(0, Value(text, "klachten_outbox_parked"));
        Assert.Equal(1, Value(text, "klachten_letters", "status=\"Sent\""));
        Assert.Equal(2, Value(text, "klachten_mail_sent_total", "result=\"Accepted\""));
        Assert.Equal(2, fixture.Mails.Count);
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

/// <summary>Runs after the parallel tests, alone, so process-wide counters hold only this class's own measurements.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Metrics alone";
}
