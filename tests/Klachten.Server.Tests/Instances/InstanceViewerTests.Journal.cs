using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Instances;

/// <summary>The journal as Studio's instance viewer pages and filters it.</summary>
public abstract partial class InstanceViewerTests
{
    [Fact]
    public async Task Journal_StudioFilterExcludingFlowchart_ReturnsActivityRecordsInSequence()
    {
        var (_, _, instanceId) = await StartWaitingAsync();

        var journal = await JournalAsync(instanceId, new JsonObject
        {
            ["activityIds"] = null,
            ["activityNodeIds"] = new JsonArray("Workflow1:flow1", InstanceFlows.NodePrefix + "start", Before, Wait),
            ["excludedActivityTypes"] = new JsonArray("Elsa.Workflow", "Elsa.Flowchart"),
            ["eventNames"] = null,
        });

        var items = journal["items"]!.AsArray();
        Assert.Equal(items.Count, (int)journal["totalCount"]!);
        Assert.Equal(
            ["start:Started", "start:Completed", "before:Started", "before:Completed", "wait:Started", "wait:Suspended"],
            items.Select(i => $"{i!["activityId"]}:{i["eventName"]}"));
        Assert.Equal(items.Select(i => (long)i!["sequence"]!).Order(), items.Select(i => (long)i!["sequence"]!));
        Assert.DoesNotContain(items, i => (string?)i!["activityType"] == "Elsa.Flowchart");
        var write = items.First(i => (string?)i!["activityId"] == "before" && (string?)i["eventName"] == "Completed")!;
        Assert.Equal(Before, (string?)write["nodeId"]);
        Assert.Equal("Elsa.WriteLine", (string?)write["activityType"]);
        Assert.Equal(1, (int)write["activityTypeVersion"]!);
        Assert.Equal("Voor", (string?)write["payload"]!["text"]);
        Assert.False(string.IsNullOrEmpty((string?)write["activityInstanceId"]));
    }

    [Fact]
    public async Task Journal_ByNodeIds_ReturnsOnlyThoseNodes()
    {
        var (_, _, instanceId) = await StartWaitingAsync();

        var journal = await JournalAsync(instanceId, new JsonObject { ["activityNodeIds"] = new JsonArray(Wait) });

        Assert.Equal(["Started", "Suspended"], journal["items"]!.AsArray().Select(i => (string?)i!["eventName"]));
        Assert.Equal(2, journal["items"]!.AsArray().Count);
        Assert.All(journal["items"]!.AsArray(), i => Assert.Equal(Wait, (string?)i!["nodeId"]));
    }

    [Fact]
    public async Task Journal_ExcludedActivityType_LeavesThatTypeOut()
    {
        var (_, _, instanceId) = await StartWaitingAsync();

        var journal = await JournalAsync(instanceId, new JsonObject { ["excludedActivityTypes"] = new JsonArray("Elsa.WriteLine", "Elsa.Start") });

        var items = journal["items"]!.AsArray();
        Assert.Equal(["wait:Started", "wait:Suspended"], items.Select(i => $"{i!["activityId"]}:{i["eventName"]}"));
        Assert.All(items, i => Assert.Equal("Elsa.Event", (string?)i!["activityType"]));
    }

    [Fact]
    public async Task Journal_EventNames_ReturnsOnlyThoseEvents()
    {
        var (_, _, instanceId) = await StartWaitingAsync();

        var journal = await JournalAsync(instanceId, new JsonObject { ["eventNames"] = new JsonArray("Suspended") });

        Assert.Equal("wait", (string?)Assert.Single(journal["items"]!.AsArray())!["activityId"]);
    }

    [Fact]
    public async Task Journal_SkipAndTake_PagesWithFullTotalCount()
    {
        var (_, _, instanceId) = await StartWaitingAsync();

        var page = await _owner.PostJsonAsync($"/elsa/api/workflow-instances/{instanceId}/journal?skip=2&take=2", new JsonObject());

        Assert.Equal(6, (int)page["totalCount"]!);
        Assert.Equal([3L, 4L], page["items"]!.AsArray().Select(i => (long)i!["sequence"]!));
    }

    [Fact]
    public async Task Journal_EmptyBodyAndGet_ReturnEveryLine()
    {
        var (_, _, instanceId) = await StartWaitingAsync();

        var posted = await _owner.PostAsync($"/elsa/api/workflow-instances/{instanceId}/journal?skip=0&take=110", content: null);
        var got = await _owner.GetJsonAsync($"/elsa/api/workflow-instances/{instanceId}/journal");

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(6, (int)(await posted.ReadObjectAsync())["totalCount"]!);
        Assert.Equal(6, got["items"]!.AsArray().Count);
    }
}
