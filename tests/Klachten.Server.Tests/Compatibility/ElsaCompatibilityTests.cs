using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Server.Tests.Support;
using Klachten.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Compatibility;

/// <summary>
/// Every flowchart in <c>Compatibility/Flowcharts</c> runs through the Elsa API as Studio and Elsa's clients use
/// it, and ends as Elsa 3.7 (token-based flowchart) ends it: status, written lines, incidents and bookmarks.
/// None of the scenarios needs time to pass (the only Delay is cancelled by a WaitAny join).
/// </summary>
public abstract class ElsaCompatibilityTests(ServerFixture fixture)
{
    private readonly HttpClient _owner = fixture.Factory.As("procesbeheerder");

    public static TheoryData<string> Scenarios => [.. CompatibilityScenario.Names()];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Execute_ElsaFlowchart_EndsAsElsaEndsIt(string name)
    {
        var scenario = await PublishAsync(name);

        var response = await _owner.PostAsync($"/elsa/api/workflow-definitions/{scenario.DefinitionId}/execute", ElsaJson.Body(new JsonObject()));

        // Every outcome, a fault included, is 200 with the state (Elsa itself answers a fault with 500; see ExecuteWorkflow).
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Execute answered {(int)response.StatusCode}: {body}");
        var state = JsonNode.Parse(body)!["workflowState"]!;
        Assert.Equal((string?)state["id"], response.Headers.GetValues("x-elsa-workflow-instance-id").Single());
        await AssertEndsAsElsaAsync(scenario, state);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Dispatch_ElsaFlowchart_AnswersAtOnceAndEndsAsElsaEndsIt(string name)
    {
        var scenario = await PublishAsync(name);

        var response = await _owner.PostAsync($"/elsa/api/workflow-definitions/{scenario.DefinitionId}/dispatch", ElsaJson.Body(new JsonObject()));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Dispatch answered {(int)response.StatusCode}: {body}");
        var instanceId = (string)JsonNode.Parse(body)!["workflowInstanceId"]!;
        // The instance row is written in the same transaction as the end of its first run: once it exists, it is final.
        var (status, detail) = await Eventually.Until(() => GetAsync($"/elsa/api/workflow-instances/{instanceId}"), r => r.Status != HttpStatusCode.NotFound);
        Assert.True(status == HttpStatusCode.OK, $"The dispatched instance answered {(int)status}: {detail}");
        await AssertEndsAsElsaAsync(scenario, JsonNode.Parse(detail)!["workflowState"]!);
    }

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await _owner.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<CompatibilityScenario> PublishAsync(string name)
    {
        var scenario = CompatibilityScenario.Load(name);
        var saved = await _owner.SaveAsync(scenario.Definition.DeepClone().AsObject(), publish: true);
        Assert.True(saved.StatusCode == HttpStatusCode.OK, $"Save answered {(int)saved.StatusCode}: {await saved.Content.ReadAsStringAsync()}");
        return scenario;
    }

    private async Task AssertEndsAsElsaAsync(CompatibilityScenario scenario, JsonNode state)
    {
        var instanceId = (string)state["id"]!;
        var incidents = state["incidents"]!.AsArray();
        var actual = new Outcome(
            (string)state["status"]!,
            (string)state["subStatus"]!,
            await WrittenLinesAsync(instanceId),
            incidents.Count,
            state["bookmarks"]!.AsArray().Count);
        var incidentMessages = string.Join(" | ", incidents.Select(i => $"{(string?)i!["activityId"]}: {(string?)i["message"]}"));
        Assert.True(
            scenario.Expected.ToString() == actual.ToString(),
            $"{scenario.Name}\nexpected: {scenario.Expected}\nactual:   {actual}\nincidents: {incidentMessages}");
        Assert.Equal(scenario.Expected.Bookmarks, await BookmarkRowsAsync(instanceId));
        if (scenario.IncidentMessageContains is { } fragment)
        {
            Assert.Contains(fragment, (string?)incidents[0]!["message"], StringComparison.Ordinal);
        }

        if (scenario.IncidentActivityId is { } activityId)
        {
            Assert.Equal(activityId, (string?)incidents[0]!["activityId"]);
        }
    }

    private Task<string[]> WrittenLinesAsync(string instanceId) => WrittenLines.ReadAsync(fixture.Factory, instanceId);

    private async Task<int> BookmarkRowsAsync(string instanceId)
    {
        using var scope = fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();
        return await db.Bookmarks.CountAsync(b => b.InstanceId == instanceId);
    }
}

public sealed class SqliteElsaCompatibilityTests(SqliteServerFixture fixture)
    : ElsaCompatibilityTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgreSqlElsaCompatibilityTests(PostgreSqlServerFixture fixture)
    : ElsaCompatibilityTests(fixture), IClassFixture<PostgreSqlServerFixture>;
