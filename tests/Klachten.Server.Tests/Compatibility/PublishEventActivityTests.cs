using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Server.Tests.Support;
using Klachten.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Klachten.Server.Tests.Compatibility.CompositionJson;

namespace Klachten.Server.Tests.Compatibility;

/// <summary>
/// Elsa's PublishEvent through <c>/elsa/api</c>: the event goes out once the publishing step has committed (an outbox
/// row the server consumes itself) and does what <c>POST /events/{name}/trigger</c> does. Each test names the Elsa test it mirrors.
/// </summary>
public abstract class PublishEventActivityTests(ServerFixture fixture)
{
    private readonly HttpClient _owner = fixture.Factory.As("procesbeheerder");

    // Elsa: test/component/.../Primitives/Event/EventTests.cs PublishingEventToBlockingEventWorkflow_ShouldCompleteWorkflow,
    // scoped by correlation id as PublishEvent's CorrelationId input scopes it.
    [Fact]
    public async Task PublishEvent_WithACorrelationId_ResumesOnlyTheInstanceWithThatId()
    {
        var eventName = "Verzonden-" + Guid.NewGuid().ToString("N")[..6];
        var waiter = await PublishAsync(Flowchart(Event("e1", eventName), Line("w1", "Order Shipped")));
        var first = await ExecuteAsync(waiter, "zaak-1");
        var second = await ExecuteAsync(waiter, "zaak-2");

        var publisher = await ExecuteAsync(await PublishAsync(Sequence(PublishEvent("pub", eventName, correlationId: "zaak-1"))), null);

        Assert.Equal("Finished", (string?)publisher["subStatus"]);
        await Eventually.Until(async () => (await fixture.Factory.InstancesOfAsync(waiter)).Count(i => i.SubStatus == "Finished") == 1);
        await DeliveredAsync((string)publisher["id"]!);
        var instances = await fixture.Factory.InstancesOfAsync(waiter);
        Assert.Equal("Finished", instances.Single(i => i.Id == (string)first["id"]!).SubStatus);
        Assert.Equal("Suspended", instances.Single(i => i.Id == (string)second["id"]!).SubStatus);
        Assert.Equal(["Order Shipped"], await fixture.Factory.LinesAsync((string)first["id"]!));
        Assert.Single(await fixture.Factory.BookmarksOfAsync((string)second["id"]!));
    }

    // Elsa: test/component/.../Primitives/Event/PublishEventTests.cs PublishEvent_GlobalEvent_TriggersConsumerWorkflow and
    // PublishEvent_WithPayload_TransmitsPayloadToConsumer (ConsumerWorkflow, PublishGlobalEventWorkflow); a second delivery of
    // the same message (a crash before the relay marked it sent) starts nothing again.
    [Fact]
    public async Task PublishEvent_StartsTheWorkflowItTriggers_ExactlyOnce_WithThePayload()
    {
        var eventName = "GlobalOrderEvent-" + Guid.NewGuid().ToString("N")[..6];
        var correlationId = Guid.NewGuid().ToString();
        var consumer = await PublishAsync(Flowchart(Event("e1", eventName, canStartWorkflow: true, result: "Payload"), SetOutput("s1", "ReceivedPayload", "getPayload()")), "Payload");
        var publisher = await ExecuteAsync(await PublishAsync(Sequence(PublishEvent("pub", eventName, correlationId: correlationId, payload: "({ Status: 'Shipped' })"))), correlationId);

        var started = await Eventually.Until(async () => await fixture.Factory.InstancesOfAsync(consumer), list => list.Any(i => i.SubStatus == "Finished"));

        var instance = Assert.Single(started);
        Assert.Equal(correlationId, instance.CorrelationId);
        using var detail = await _owner.GetAsync($"/elsa/api/workflow-instances/{instance.Id}");
        Assert.Equal("Shipped", (string?)(await detail.ReadObjectAsync())["workflowState"]!["output"]!["ReceivedPayload"]!["Status"]);

        var messageId = await DeliveredAsync((string)publisher["id"]!);
        await RedeliverAsync(messageId);
        Assert.Single(await fixture.Factory.InstancesOfAsync(consumer));
    }

    // Elsa: PublishEventTests.PublishEvent_LocalEvent_CompletesWorkflow (PublishAndConsumeEventWorkflow): the event is
    // published before the instance waits for it, and reaches it because it goes out after the step.
    [Fact]
    public async Task PublishEvent_Local_ReachesTheInstanceItself_AfterItWaits()
    {
        var eventName = "LocalOrderEvent-" + Guid.NewGuid().ToString("N")[..6];
        var workflow = await PublishAsync(Sequence(PublishEvent("pub", eventName, local: true, payload: "({ OrderId: 123 })"), Event("e1", eventName), Line("l1", "Ontvangen")));

        var state = await ExecuteAsync(workflow, null);

        Assert.Equal("Suspended", (string?)state["subStatus"]);
        await Eventually.Until(async () => (await fixture.Factory.InstancesOfAsync(workflow)).Single().SubStatus == "Finished");
        Assert.Equal(["Ontvangen"], await fixture.Factory.LinesAsync((string)state["id"]!));
    }

    // A chain of outbox deliveries: the parent's StartChildWorkflow starts the child, whose PublishWorkflowEvent starts a
    // third workflow, while the parent waits for the child (DispatchWorkflowsTests.DispatchAndWaitWorkflow_ShouldWaitForChildWorkflowToComplete
    // with PublishEventTests.PublishEvent_GlobalEvent_TriggersConsumerWorkflow inside).
    [Fact]
    public async Task PublishEvent_InADispatchedChild_StartsTheTriggeredWorkflow_AndTheParentFinishes()
    {
        var eventName = "Doorgegeven-" + Guid.NewGuid().ToString("N")[..6];
        var triggered = await PublishAsync(Flowchart(Event("e1", eventName, canStartWorkflow: true), Line("t1", "Gestart")));
        var child = await PublishAsync(Flowchart(PublishEvent("pub", eventName, correlationId: "zaak-9"), SetOutput("c1", "Answer", "'ja'")));
        var parent = await ExecuteAsync(await PublishAsync(Sequence(Dispatch("disp", child, wait: true, result: "ChildResult"), LineJs("p1", "'Parent received: ' + getChildResult().Answer")), "ChildResult"), null);

        Assert.Equal("Suspended", (string?)parent["subStatus"]);
        var started = await Eventually.Until(() => fixture.Factory.InstancesOfAsync(triggered), list => list.Count > 0 && list.All(i => i.SubStatus == "Finished"));
        Assert.Equal("zaak-9", Assert.Single(started).CorrelationId);
        await Eventually.Until(async () => (await fixture.Factory.LinesAsync((string)parent["id"]!)).Length > 0);
        Assert.Equal(["Parent received: ja"], await fixture.Factory.LinesAsync((string)parent["id"]!));
    }

    private async Task<string> PublishAsync(JsonObject root, params string[] variables)
    {
        var id = ElsaJson.NewDefinitionId();
        using var saved = await _owner.SaveAsync(Definition(id, root, variables), publish: true);
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        return id;
    }

    private async Task<JsonNode> ExecuteAsync(string definitionId, string? correlationId)
    {
        using var response = await _owner.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/execute", ElsaJson.Body(new JsonObject { ["correlationId"] = correlationId }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadObjectAsync())["workflowState"]!;
    }

    /// <summary>Waits until the relay has delivered the publisher's event; returns its outbox id.</summary>
    private async Task<string> DeliveredAsync(string publisherId)
    {
        var row = await Eventually.Until(async () =>
        {
            using var scope = fixture.Factory.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<KlachtenDbContext>().OutboxMessages.AsNoTracking()
                .SingleAsync(m => m.InstanceId == publisherId && m.MessageType == "PublishWorkflowEvent");
        }, m => m.SentAt is not null);
        return row.Id;
    }

    // As if the node died after delivering and before marking the row sent: the relay delivers it again.
    private async Task RedeliverAsync(string messageId)
    {
        using (var scope = fixture.Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<KlachtenDbContext>().OutboxMessages.Where(m => m.Id == messageId)
                .ExecuteUpdateAsync(m => m.SetProperty(x => x.SentAt, (DateTimeOffset?)null).SetProperty(x => x.LeaseOwner, (string?)null).SetProperty(x => x.LeaseUntil, (DateTimeOffset?)null));
        }

        await Eventually.Until(async () =>
        {
            using var scope = fixture.Factory.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<KlachtenDbContext>().OutboxMessages.AsNoTracking().AnyAsync(m => m.Id == messageId && m.SentAt != null);
        });
    }
}

public sealed class SqlitePublishEventActivityTests(SqliteServerFixture fixture)
    : PublishEventActivityTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgreSqlPublishEventActivityTests(PostgreSqlServerFixture fixture)
    : PublishEventActivityTests(fixture), IClassFixture<PostgreSqlServerFixture>;
