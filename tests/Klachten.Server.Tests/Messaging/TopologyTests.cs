using System.Text.RegularExpressions;
using Klachten.Server.Tests.Procedure;

namespace Klachten.Server.Tests.Messaging;

/// <summary>
/// The broker topology the server declares: every queue and exchange named in kebab-case (deploy/messaging-topology.md
/// documents them), message exchanges prefixed <c>klachten-</c>, each server queue fed by its message's exchange.
/// </summary>
public sealed partial class TopologyTests(PostgreSqlMessagingServerFixture fixture) : IClassFixture<PostgreSqlMessagingServerFixture>
{
    private readonly ProcedureDriver _driver = new(fixture.Factory);

    [Fact]
    public async Task ServerTopology_AfterALetter_AllNamesKebabCaseAndOutcomeQueuesBound()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.TodayAsync()));
        await _driver.ConfirmReceiptAsync(complaint);
        await fixture.Recorder.WaitForAsync(d => d.Letter.ComplaintId == complaint.Id, 1);

        var vhost = fixture.Vhost;
        var queues = Lines(await RabbitMqTools.CtlAsync(vhost.Node, "list_queues", "-p", vhost.Name, "name", "--no-table-headers"));
        var exchanges = Lines(await RabbitMqTools.CtlAsync(vhost.Node, "list_exchanges", "-p", vhost.Name, "name", "--no-table-headers"))
            .Where(e => e.Length > 0 && !e.StartsWith("amq.", StringComparison.Ordinal)).ToList();
        var bindings = Lines(await RabbitMqTools.CtlAsync(vhost.Node, "list_bindings", "-p", vhost.Name, "source_name", "destination_name", "--no-table-headers"))
            .Select(l => l.Split('\t')).Where(b => b.Length == 2 && b[0].Length > 0).Select(b => (Source: b[0], Destination: b[1])).ToList();

        Assert.NotEmpty(queues);
        Assert.NotEmpty(exchanges);
        Assert.All(queues.Concat(exchanges), name => Assert.Matches(KebabCase(), name));
        Assert.Subset(queues.ToHashSet(), new HashSet<string> { "letter-sent", "letter-failed", "letter-fault" });
        Assert.Contains("klachten-send-letter", exchanges);
        Assert.Contains(("klachten-letter-sent", "letter-sent"), bindings);
        Assert.Contains(("klachten-letter-failed", "letter-failed"), bindings);
        Assert.Contains(("klachten-send-letter-fault", "letter-fault"), bindings);
    }

    [Theory]
    [InlineData(typeof(Klachten.Contracts.SendLetter), "klachten-send-letter")]
    [InlineData(typeof(Klachten.Contracts.SendEmail), "klachten-send-email")]
    [InlineData(typeof(Klachten.Contracts.LetterSent), "klachten-letter-sent")]
    [InlineData(typeof(Klachten.Contracts.DocumentArchived), "klachten-document-archived")]
    [InlineData(typeof(Klachten.Contracts.StartChildWorkflow), "klachten-start-child-workflow")]
    [InlineData(typeof(Klachten.Contracts.PublishWorkflowEvent), "klachten-publish-workflow-event")]
    [InlineData(typeof(MassTransit.Fault<Klachten.Contracts.SendLetter>), "klachten-send-letter-fault")]
    public void MessageExchange_Named_KebabCaseWithPrefix(Type messageType, string expected)
    {
        var formatter = new Klachten.ServiceDefaults.KebabCaseEntityNameFormatter();
        var method = typeof(Klachten.ServiceDefaults.KebabCaseEntityNameFormatter).GetMethod(nameof(formatter.FormatEntityName))!.MakeGenericMethod(messageType);

        Assert.Equal(expected, method.Invoke(formatter, null));
    }

    [Fact]
    public void ErrorAndSkippedQueues_Named_KebabCase()
    {
        var formatter = new Klachten.ServiceDefaults.KebabCaseErrorQueueNameFormatter();

        Assert.Equal(("send-letter-error", "send-letter-skipped"), (formatter.FormatErrorQueueName("send-letter"), formatter.FormatDeadLetterQueueName("send-letter")));
    }

    private static List<string> Lines(string output) => [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
