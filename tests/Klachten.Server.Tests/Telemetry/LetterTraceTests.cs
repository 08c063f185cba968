using System.Diagnostics;
using Klachten.Server.Tests.Procedure;
using Klachten.Testing;

namespace Klachten.Server.Tests.Telemetry;

/// <summary>
/// One letter is one trace: the director's HTTP request that confirms receipt runs the workflow step, the step's
/// outbox row carries its trace context, the relay's publish continues it, MassTransit carries it to the notification
/// consumer, and the SMTP hand-over is the last span. Asserted with the OpenTelemetry in-memory exporter.
/// </summary>
public sealed class LetterTraceTests(TelemetryFixture fixture) : IClassFixture<TelemetryFixture>
{
    private readonly ProcedureDriver _driver = new(fixture.Factory);

    [Fact]
    public async Task ReceiptLetter_OneTrace_FromHttpRequestToSmtpSend()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.TodayAsync()));
        var mailsBefore = fixture.Mails.Count;

        var task = await _driver.ConfirmReceiptAsync(complaint);
        var completePath = $"/api/tasks/{task["id"]}/complete";

        // The receipt letter goes to the complainant and, as a copy, to the manager: two SMTP hand-overs.
        await Eventually.Until(() => Task.FromResult(fixture.Mails.Count >= mailsBefore + 2), TimeSpan.FromSeconds(30));
        var smtp = await Eventually.Until(
            () => Task.FromResult(fixture.SpansSnapshot().Where(s => s.DisplayName == "smtp send" && Chain(s).Any(r => IsCompleteRequest(r, completePath))).ToList()),
            spans => spans.Count >= 2,
            TimeSpan.FromSeconds(30));

        foreach (var send in smtp)
        {
            var chain = Chain(send);
            var names = chain.Select(s => $"{s.Source.Name}:{s.DisplayName}").ToList();
            var root = chain[^1];
            Assert.True(IsCompleteRequest(root, completePath), $"The trace starts at the HTTP request: {string.Join(" <- ", names)}");
            Assert.Equal(ActivityKind.Server, root.Kind);
            Assert.Contains(chain, s => s.Source.Name == "Klachten.Server" && s.DisplayName == "workflow step");
            Assert.Contains(chain, s => s.Source.Name == "Klachten.Server" && s.DisplayName == "outbox publish SendLetter");
            // The embedded default hands the letter to the in-process consumer through MassTransit's mediator (no
            // broker, so no producer span); over RabbitMQ it is a producer span.
            Assert.Contains(chain, s => s.Source.Name == "MassTransit" && (s.Kind == ActivityKind.Producer || s.DisplayName.StartsWith("mediator", StringComparison.Ordinal)));
            Assert.Contains(chain, s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer);
            Assert.Equal(ActivityStatusCode.Unset, send.Status);
            Assert.Equal("Accepted", send.GetTagItem("klachten.mail.result"));
            Assert.All(chain, s => Assert.Equal(root.TraceId, s.TraceId));
        }

        // Both e-mails of the one letter belong to the same trace.
        Assert.Single(smtp.Select(s => s.TraceId).Distinct());
    }

    [Fact]
    public async Task Walk_LogLines_NameNoPersonalData()
    {
        var body = ProcedureDriver.Complaint(await _driver.TodayAsync());
        var complaint = await _driver.RegisterAsync(body);
        await _driver.ConfirmReceiptAsync(complaint);
        await _driver.LettersSettledAsync();

        Assert.NotEmpty(fixture.LogLines);
        foreach (var personal in new[] { "Karin Klager", "karin.klager@example.nl", "Dorpsstraat", (string)body["description"]! })
        {
            Assert.DoesNotContain(fixture.LogLines, line => line.Contains(personal, StringComparison.OrdinalIgnoreCase));
        }
    }

    private static bool IsCompleteRequest(Activity span, string path) =>
        span.Kind == ActivityKind.Server && span.GetTagItem("url.path") as string == path;

    // The span and its ancestors as exported, child first; stops where a parent was not exported (yet).
    private List<Activity> Chain(Activity span)
    {
        var byId = fixture.SpansSnapshot().GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        var chain = new List<Activity> { span };
        while (chain[^1].ParentSpanId != default && byId.TryGetValue(chain[^1].ParentSpanId, out var parent) && chain.Count < 50)
        {
            chain.Add(parent);
        }

        return chain;
    }
}
