using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;
using Klachten.Testing;
using static Klachten.Server.Tests.Compatibility.CompositionJson;

namespace Klachten.Server.Tests.Messaging;

/// <summary>
/// DispatchWorkflow and PublishEvent with the RabbitMQ transport: the outbox rows go through the broker to the server's
/// own consumers (<c>start-child-workflow</c>, <c>publish-workflow-event</c>).
/// </summary>
public sealed class WorkflowMessagesTests(PostgreSqlMessagingServerFixture fixture) : IClassFixture<PostgreSqlMessagingServerFixture>
{
    private readonly HttpClient _owner = fixture.Factory.As("procesbeheerder");

    [Fact]
    public async Task DispatchedChild_PublishesAnEvent_ThroughTheBroker_AndTheWaitingParentFinishes()
    {
        var eventName = "Doorgegeven-" + Guid.NewGuid().ToString("N")[..6];
        var triggered = await PublishAsync(Flowchart(Event("e1", eventName, canStartWorkflow: true), Line("t1", "Gestart")));
        var child = await PublishAsync(Flowchart(PublishEvent("pub", eventName, correlationId: "zaak-9"), SetOutput("c1", "Answer", "'ja'")));
        var parentId = await PublishAsync(Sequence(Dispatch("disp", child, wait: true, result: "ChildResult"), LineJs("p1", "'Parent received: ' + getChildResult().Answer")), "ChildResult");

        using var response = await _owner.PostAsync($"/elsa/api/workflow-definitions/{parentId}/execute", ElsaJson.Body(new JsonObject()));
        var parent = (await response.ReadObjectAsync())["workflowState"]!;

        Assert.Equal("Suspended", (string?)parent["subStatus"]);
        var started = await Eventually.Until(() => fixture.Factory.InstancesOfAsync(triggered), list => list.Count > 0 && list.All(i => i.SubStatus == "Finished"));
        Assert.Equal("zaak-9", Assert.Single(started).CorrelationId);
        await Eventually.Until(async () => await fixture.Factory.LinesAsync((string)parent["id"]!), lines => lines.Length > 0);
        Assert.Equal(["Parent received: ja"], await fixture.Factory.LinesAsync((string)parent["id"]!));
    }

    private async Task<string> PublishAsync(JsonObject root, params string[] variables)
    {
        var id = ElsaJson.NewDefinitionId();
        using var saved = await _owner.SaveAsync(Definition(id, root, variables), publish: true);
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        return id;
    }
}
