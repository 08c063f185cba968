using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Features.HttpRequests;
using Klachten.Server.Tests.Compatibility;
using Klachten.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Runtime;

/// <summary>Two server nodes on one PostgreSQL database send the queued requests of many instances between them, each exactly once.</summary>
public sealed class TwoNodeHttpRequestTests : IAsyncLifetime
{
    private const int Instances = 30;
    private readonly HttpTargetServer _target = new();
    private TestDatabase _database = null!;
    private KlachtenFactory _nodeA = null!;
    private KlachtenFactory _nodeB = null!;

    public async Task InitializeAsync()
    {
        await _target.InitializeAsync();
        _database = await TestDatabase.CreateAsync(Provider.PostgreSql, nameof(TwoNodeHttpRequestTests));
        _nodeA = new KlachtenFactory(NodeSettings("node-a"));
        _ = _nodeA.Server;
        _nodeB = new KlachtenFactory(NodeSettings("node-b"));
        _ = _nodeB.Server;
    }

    public async Task DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
        await _database.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task BothNodesSendAtOnce_EveryRequestReachesTheServerExactlyOnce_AndEveryInstanceFinishes()
    {
        var owner = _nodeA.As("procesbeheerder");
        var id = ElsaJson.NewDefinitionId();
        var key = Guid.NewGuid().ToString("N")[..10];
        var request = ElsaJson.Activity("http", "Elsa.FlowSendHttpRequest", new JsonObject
        {
            ["url"] = new JsonObject { ["typeName"] = "Uri", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = new Uri(_target.BaseAddress, $"/{key}/ok").AbsoluteUri } },
        });
        var root = ElsaJson.Activity("flow", "Elsa.Flowchart", new JsonObject
        {
            ["activities"] = new JsonArray(ElsaJson.Activity("start", "Elsa.Start"), request),
            ["connections"] = new JsonArray(ElsaJson.Connection("start", "Done", "http")),
        });
        var definition = new JsonObject { ["definitionId"] = id, ["name"] = "Twee nodes " + id, ["version"] = 1, ["isPublished"] = true, ["root"] = root };
        using var imported = await owner.PostAsync("/elsa/api/workflow-definitions/import", ElsaJson.Body(definition));
        Assert.True(imported.StatusCode == HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var instanceIds = new List<string>();
        for (var i = 0; i < Instances; i++)
        {
            using var executed = await owner.PostAsync($"/elsa/api/workflow-definitions/{id}/execute", ElsaJson.Body(new JsonObject()));
            instanceIds.Add((string)(await executed.ReadObjectAsync())["workflowState"]!["id"]!);
        }

        await Task.WhenAll(SendAllAsync(_nodeA), SendAllAsync(_nodeB), SendAllAsync(_nodeA), SendAllAsync(_nodeB));

        Assert.Equal(Instances, _target.Received(key).Count);
        foreach (var instanceId in instanceIds)
        {
            var state = (await (await owner.GetAsync($"/elsa/api/workflow-instances/{instanceId}")).ReadObjectAsync())["workflowState"]!;
            Assert.Equal("Finished", (string?)state["subStatus"]);
        }
    }

    private static Task<int> SendAllAsync(KlachtenFactory node) =>
        node.Services.GetRequiredService<HttpRequestWorker>().SendAllQueuedAsync(CancellationToken.None);

    private Dictionary<string, string?> NodeSettings(string nodeName)
    {
        var settings = _database.Settings();
        settings["Klachten:Runtime:NodeName"] = nodeName;
        settings["Klachten:Workflows:HttpRequests:AllowedHosts:0"] = "127.0.0.1";
        settings["Logging:LogLevel:Default"] = "Warning";
        return settings;
    }
}
