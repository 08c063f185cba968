using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Timers;

/// <summary>Definitions that wait on a timer and then write a line, and the HTTP calls that run them.</summary>
internal static class TimerWorkflows
{
    public const string OneDay = "1.00:00:00";

    /// <summary>Start → Elsa.Delay(<paramref name="timeSpan"/>) → WriteLine → Finish.</summary>
    public static JsonObject DelayThenWriteLine(string definitionId, string timeSpan = OneDay) =>
        WaitThenWriteLine(definitionId, ElsaJson.Activity("wait", "Elsa.Delay", new JsonObject { ["timeSpan"] = Literal("TimeSpan", timeSpan) }));

    /// <summary>Start → Elsa.StartAt(<paramref name="instant"/>) → WriteLine → Finish.</summary>
    public static JsonObject StartAtThenWriteLine(string definitionId, DateTimeOffset instant) =>
        WaitThenWriteLine(definitionId, ElsaJson.Activity("wait", "Elsa.StartAt", new JsonObject
        {
            ["dateTime"] = Literal("DateTimeOffset", instant.ToString("O", CultureInfo.InvariantCulture)),
        }));

    /// <summary>Start → Elsa.Delay(one day) and, beside it, Start → Elsa.Fault: the instance faults while its timer waits.</summary>
    public static JsonObject DelayBesideFault(string definitionId)
    {
        var model = DelayThenWriteLine(definitionId);
        var flowchart = model["root"]!;
        flowchart["activities"]!.AsArray().Add(ElsaJson.Activity("boom", "Elsa.Fault", new JsonObject { ["message"] = Literal("String", "Bewuste fout") }));
        flowchart["connections"]!.AsArray().Add(ElsaJson.Connection("start", "Done", "boom"));
        return model;
    }

    public static async Task PublishAsync(HttpClient owner, JsonObject model)
    {
        using var response = await owner.SaveAsync(model, publish: true);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Starts an instance through Elsa's execute endpoint; returns its id.</summary>
    public static async Task<string> ExecuteAsync(HttpClient owner, string definitionId)
    {
        using var response = await owner.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/execute", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var state = (await response.ReadObjectAsync())["workflowState"]!;
        Assert.Equal("Suspended", (string?)state["subStatus"]);
        return (string)state["id"]!;
    }

    /// <summary>A node's manual clock, read as the beheerder (the only role the clock answers) through any client of that node.</summary>
    public static async Task<DateTimeOffset> ClockAsync(HttpClient client)
    {
        using var response = await client.SendAsync(AsAdministrator(new HttpRequestMessage(HttpMethod.Get, "/api/dev/clock")));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (DateTimeOffset)(await response.ReadObjectAsync())["now"]!;
    }

    /// <summary>Moves a node's manual clock (as the beheerder); the node fires every due timer before answering. Returns how many it claimed.</summary>
    public static async Task<int> MoveClockAsync(HttpClient client, DateTimeOffset now)
    {
        using var request = AsAdministrator(new HttpRequestMessage(HttpMethod.Post, "/api/dev/clock") { Content = ElsaJson.Body(new JsonObject { ["now"] = now }) });
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (int)(await response.ReadObjectAsync())["timersFired"]!;
    }

    // A header on the request wins over the client's default one, so the owner's client serves for the clock too.
    private static HttpRequestMessage AsAdministrator(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("Authorization", "ApiKey dev-beheerder");
        return request;
    }

    private static JsonObject Literal(string typeName, string value) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value },
    };

    private static JsonObject WaitThenWriteLine(string definitionId, JsonObject wait) => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = "Timertest",
        ["variables"] = new JsonArray(),
        ["root"] = new JsonObject
        {
            ["id"] = "flow1",
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["name"] = "Flowchart1",
            ["activities"] = new JsonArray
            {
                ElsaJson.Activity("start", "Elsa.Start"),
                wait,
                ElsaJson.Activity("write", "Elsa.WriteLine", new JsonObject { ["text"] = Literal("String", "Termijn verstreken") }),
                ElsaJson.Activity("finish", "Elsa.Finish"),
            },
            ["connections"] = new JsonArray
            {
                ElsaJson.Connection("start", "Done", "wait"),
                ElsaJson.Connection("wait", "Done", "write"),
                ElsaJson.Connection("write", "Done", "finish"),
            },
        },
    };
}
