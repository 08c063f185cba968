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
    private TwoNodes _nodes = null!;

    public async Task InitializeAsync()
    {
        await _target.InitializeAsync();
        _nodes = await TwoNodes.StartAsync(nameof(TwoNodeHttpRequestTests), settings => settings["Klachten:Workflows:HttpRequests:AllowedHosts:0"] = "127.0.0.1");
    }

    public async Task DisposeAsync()
    {
        await _nodes.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task BothNodesSendAtOnce_EveryRequestReachesTheServerExactlyOnce_AndEveryInstanceFinishes()
    {
        var owner = _nodes.A.As("procesbeheerder");
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

        await Task.WhenAll(SendAllAsync(_nodes.A), SendAllAsync(_nodes.B), SendAllAsync(_nodes.A), SendAllAsync(_nodes.B));

        Assert.Equal(Instances, _target.Received(key).Count);
        foreach (var instanceId in instanceIds)
        {
            var state = (await (await owner.GetAsync($"/elsa/api/workflow-instances/{instanceId}")).ReadObjectAsync())["workflowState"]!;
            Assert.Equal("Finished", (string?)state["subStatus"]);
        }
    }

    private static Task<int> SendAllAsync(KlachtenFactory node) =>
        node.Services.GetRequiredService<HttpRequestWorker>().SendAllQueuedAsync(CancellationToken.None);

}
