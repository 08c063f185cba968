using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Instances;

/// <summary>Cancel, retry and delete through the Elsa API, on both providers.</summary>
public abstract class InstanceControlTests(ManualClockServerFixture fixture)
{
    private readonly HttpClient _owner = fixture.Factory.As("procesbeheerder");
    private readonly HttpClient _admin = fixture.Factory.As("beheerder");

    [Fact]
    public async Task Cancel_SuspendedInstance_FinishesCancelledWithoutBookmarks()
    {
        var (_, instanceId) = await StartWaitingAsync();

        var cancelled = await _owner.PostJsonAsync($"/elsa/api/workflow-instances/{instanceId}/cancel", new JsonObject());

        Assert.Equal("Finished", (string?)cancelled["status"]);
        Assert.Equal("Cancelled", (string?)cancelled["subStatus"]);
        Assert.NotNull(cancelled["finishedAt"]);
        Assert.Empty(cancelled["workflowState"]!["bookmarks"]!.AsArray());
    }

    [Fact]
    public async Task Cancel_SuspendedInstance_EventNoLongerResumesIt()
    {
        var (eventName, instanceId) = await StartWaitingAsync();
        await _owner.PostJsonAsync($"/elsa/api/workflow-instances/{instanceId}/cancel", new JsonObject());

        var trigger = await _owner.PostJsonAsync($"/elsa/api/events/{eventName}/trigger", new JsonObject { ["workflowInstanceId"] = instanceId });

        Assert.Equal(0, (int)trigger["resumedCount"]!);
    }

    [Fact]
    public async Task Cancel_SuspendedInstance_JournalsCancelledAndReportUnblocks()
    {
        var (_, instanceId) = await StartWaitingAsync();
        await _owner.PostJsonAsync($"/elsa/api/cancel/workflow-instances/{instanceId}", new JsonObject());

        var summaries = await _owner.GetJsonAsync($"/elsa/api/activity-execution-summaries/list?WorkflowInstanceId={instanceId}&ActivityNodeId={InstanceFlows.NodePrefix}wait");

        var wait = Assert.Single(summaries["items"]!.AsArray())!;
        Assert.Equal("Canceled", (string?)wait["status"]);
        Assert.False((bool)wait["hasBookmarks"]!);
    }

    [Fact]
    public async Task Cancel_Twice_SecondReturns409()
    {
        var (_, instanceId) = await StartWaitingAsync();
        await _owner.PostJsonAsync($"/elsa/api/workflow-instances/{instanceId}/cancel", new JsonObject());

        var second = await _owner.PostAsync($"/elsa/api/workflow-instances/{instanceId}/cancel", content: null);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Cancel_AsMedewerker_Returns403AndLeavesInstanceRunning()
    {
        var (_, instanceId) = await StartWaitingAsync();

        var response = await fixture.Factory.As("medewerker").PostAsync($"/elsa/api/workflow-instances/{instanceId}/cancel", content: null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var state = await _owner.GetJsonAsync($"/elsa/api/workflow-instances/{instanceId}/execution-state");
        Assert.Equal("Suspended", (string?)state["subStatus"]);
    }

    [Fact]
    public async Task Retry_FaultActivity_FaultsAgainWithSecondIncident()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.PublishAsync(InstanceFlows.Faulting(id));
        var instanceId = await _owner.StartAsync(id);

        var retried = await _owner.PostJsonAsync($"/elsa/api/workflow-instances/{instanceId}/retry", new JsonObject());

        Assert.Equal("Faulted", (string?)retried["subStatus"]);
        Assert.Equal(2, (int)retried["incidentCount"]!);
        var incidents = retried["workflowState"]!["incidents"]!.AsArray();
        Assert.Equal(2, incidents.Count);
        Assert.All(incidents, i => Assert.Equal("Bewust kapot", (string?)i!["message"]));
        Assert.Equal(InstanceFlows.NodePrefix + "fault", (string?)incidents[1]!["activityNodeId"]);
    }

    [Fact]
    public async Task Retry_FaultActivity_OneExecutionWithAggregateFaultCountTwo()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.PublishAsync(InstanceFlows.Faulting(id));
        var instanceId = await _owner.StartAsync(id);
        await _owner.PostJsonAsync($"/elsa/api/workflow-instances/{instanceId}/retry", new JsonObject());

        var records = await _owner.GetJsonAsync($"/elsa/api/activity-executions/list?WorkflowInstanceId={instanceId}&ActivityNodeId={InstanceFlows.NodePrefix}fault");

        var record = Assert.Single(records["items"]!.AsArray())!;
        Assert.Equal("Faulted", (string?)record["status"]);
        Assert.Equal(2, (int)record["aggregateFaultCount"]!);
        Assert.Equal("Bewust kapot", (string?)record["exception"]!["message"]);
    }

    [Fact]
    public async Task Retry_AfterTheCauseIsGone_FinishesTheInstance()
    {
        var now = (DateTimeOffset)(await _admin.GetJsonAsync("/api/dev/clock"))["now"]!;
        var id = ElsaJson.NewDefinitionId();
        await _owner.PublishAsync(InstanceFlows.FaultsUntil(id, now.AddHours(1)));
        var instanceId = await _owner.StartAsync(id);
        var faulted = await _owner.GetJsonAsync($"/elsa/api/workflow-instances/{instanceId}");
        Assert.Equal("Faulted", (string?)faulted["subStatus"]);
        Assert.Contains("nog te vroeg", (string?)faulted["workflowState"]!["incidents"]![0]!["message"], StringComparison.Ordinal);
        await _admin.PostJsonAsync("/api/dev/clock", new JsonObject { ["now"] = now.AddHours(2) });

        var retried = await _owner.PostJsonAsync($"/elsa/api/workflow-instances/{instanceId}/retry", new JsonObject());

        Assert.Equal("Finished", (string?)retried["subStatus"]);
        Assert.Equal(1, (int)retried["incidentCount"]!);
        var variables = await _owner.GetJsonAsync($"/elsa/api/workflow-instances/{instanceId}/variables");
        Assert.Equal("klaar", (string?)variables["items"]![0]!["value"]);
    }

    [Fact]
    public async Task Retry_SuspendedInstance_Returns409()
    {
        var (_, instanceId) = await StartWaitingAsync();

        var response = await _owner.PostAsync($"/elsa/api/workflow-instances/{instanceId}/retry", content: null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Retry_AsMedewerker_Returns403()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.PublishAsync(InstanceFlows.Faulting(id));
        var instanceId = await _owner.StartAsync(id);

        var response = await fixture.Factory.As("medewerker").PostAsync($"/elsa/api/workflow-instances/{instanceId}/retry", content: null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Delete_FinishedInstance_RemovesInstanceAndJournal()
    {
        var (eventName, instanceId) = await StartWaitingAsync();
        await _owner.TriggerAsync(eventName, instanceId);
        Assert.NotEqual(0, await JournalRowsAsync(instanceId));

        var response = await _owner.DeleteAsync($"/elsa/api/workflow-instances/{instanceId}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _owner.GetAsync($"/elsa/api/workflow-instances/{instanceId}")).StatusCode);
        // The journal rows themselves are gone (the endpoint's 404 alone would follow from the missing instance).
        Assert.Equal(0, await JournalRowsAsync(instanceId));
    }

    private async Task<int> JournalRowsAsync(string instanceId)
    {
        using var scope = fixture.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<KlachtenDbContext>().JournalEntries.CountAsync(j => j.InstanceId == instanceId);
    }

    [Fact]
    public async Task Delete_RunningInstance_Returns409AndKeepsIt()
    {
        var (_, instanceId) = await StartWaitingAsync();

        var response = await _owner.DeleteAsync($"/elsa/api/workflow-instances/{instanceId}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _owner.GetAsync($"/elsa/api/workflow-instances/{instanceId}")).StatusCode);
    }

    private async Task<(string EventName, string InstanceId)> StartWaitingAsync()
    {
        var id = ElsaJson.NewDefinitionId();
        var eventName = "go-" + id;
        await _owner.PublishAsync(InstanceFlows.Waiting(id, eventName));
        return (eventName, await _owner.StartAsync(id));
    }
}

public sealed class SqliteInstanceControlTests(SqliteManualClockServerFixture fixture)
    : InstanceControlTests(fixture), IClassFixture<SqliteManualClockServerFixture>;

public sealed class PostgreSqlInstanceControlTests(PostgreSqlManualClockServerFixture fixture)
    : InstanceControlTests(fixture), IClassFixture<PostgreSqlManualClockServerFixture>;
