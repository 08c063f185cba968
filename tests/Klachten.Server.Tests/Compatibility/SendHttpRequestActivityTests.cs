using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Klachten.Server.Features.HttpRequests;
using Klachten.Server.Persistence;
using Klachten.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Compatibility;

/// <summary>
/// Elsa's FlowSendHttpRequest and SendHttpRequest through <c>/elsa/api</c> import and execute, against a real HTTP
/// server. Mirrors Elsa 3.8's test/unit/Elsa.Activities.UnitTests/Http/FlowSendHttpRequestTests.cs
/// (Should_Return_Outcome_Based_On_Status_Code, Should_Return_FailedToConnect_Outcome_On_HttpRequestException,
/// Should_Return_Timeout_Outcome_On_TaskCanceledException, Should_Send_Request_And_Set_Status_Code_Output) and
/// SendHttpRequestTests.cs (Should_Schedule_Activity_According_To_Handlers, Should_Add_Authorization_Header), plus
/// what Elsa has no test for here: the allowed-hosts list. Requests are sent by the server's worker; the test runs
/// its rounds itself (<see cref="HttpRequestWorker.SendAllQueuedAsync"/>) instead of waiting.
/// </summary>
public abstract class SendHttpRequestActivityTests(ServerFixture fixture, HttpTargetServer target)
{
    private readonly HttpClient _owner = fixture.Factory.As("procesbeheerder");
    private string _executed = string.Empty;

    [Fact]
    public async Task Flow_200Expected_LeavesThroughPort200_AndTheParsedContentVariableIsReadable()
    {
        var key = Key();
        var request = FlowRequest(Url(key, "ok"), "[\"200\",\"404\"]");
        request["parsedContent"] = new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "antwoord" } };

        var (state, lines) = await RunAsync(Flow(request, ("200", Line("gelukt", "'gelukt ' + getAntwoord().naam")), ("Unmatched status code", Line("onverwacht", "'onverwacht'"))), "antwoord");

        Assert.True((string?)state["subStatus"] == "Finished", state["incidents"]?.ToJsonString());
        Assert.Equal(["gelukt Karin"], lines);
        Assert.Single(target.Received(key));
    }

    [Fact]
    public async Task Flow_404NotExpected_LeavesThroughUnmatchedStatusCode()
    {
        var key = Key();
        var request = FlowRequest(Url(key, "missing"), "[\"200\"]");

        var (state, lines) = await RunAsync(Flow(request, ("200", Line("gelukt", "'gelukt'")), ("Unmatched status code", Line("onverwacht", "'onverwacht'"))));

        Assert.Equal("Finished", (string?)state["subStatus"]);
        Assert.Equal(["onverwacht"], lines);
    }

    [Fact]
    public async Task Flow_NoAnswerWithinTheTimeout_LeavesThroughTimeout()
    {
        var key = Key();
        var request = FlowRequest(Url(key, "slow"), "[\"200\"]");

        var (state, lines) = await RunAsync(Flow(request, ("200", Line("gelukt", "'gelukt'")), ("Timeout", Line("te-laat", "'te laat'"))));

        Assert.Equal("Finished", (string?)state["subStatus"]);
        Assert.Equal(["te laat"], lines);
        Assert.Single(target.Received(key));
    }

    [Fact]
    public async Task Flow_ConnectionRefused_LeavesThroughFailedToConnect()
    {
        var request = FlowRequest($"http://127.0.0.1:{ClosedPort()}/niemand", "[\"200\"]");

        var (state, lines) = await RunAsync(Flow(request, ("200", Line("gelukt", "'gelukt'")), ("Failed to connect", Line("geen-verbinding", "'geen verbinding'"))));

        Assert.Equal("Finished", (string?)state["subStatus"]);
        Assert.Equal(["geen verbinding"], lines);
    }

    [Fact]
    public async Task Flow_HostNotAllowed_FaultsWithTheHostNamed_AndNothingReachesTheServer()
    {
        var key = Key();
        // The same server, by a name that is not on the list (only 127.0.0.1 is).
        var request = FlowRequest($"http://localhost:{target.BaseAddress.Port}/{key}/ok", "[\"200\"]");

        var (state, lines) = await RunAsync(Flow(request, ("200", Line("gelukt", "'gelukt'"))));

        Assert.Equal("Faulted", (string?)state["subStatus"]);
        var incident = Assert.Single(state["incidents"]!.AsArray());
        Assert.Contains("'localhost' is niet toegestaan", (string?)incident!["message"], StringComparison.Ordinal);
        Assert.Empty(lines);
        Assert.Empty(target.Received(key));
    }

    [Fact]
    public async Task Send_PostWithJsonAndHeaders_ReachesTheServerExactlyOnce_AndRunsTheActivityOfItsStatusCode()
    {
        var key = Key();
        var request = ElsaJson.Activity("http", "Elsa.SendHttpRequest", new JsonObject
        {
            ["url"] = Value("Uri", "Literal", Url(key, "echo")),
            ["method"] = Value("String", "Literal", "POST"),
            ["contentType"] = Value("String", "Literal", "application/json"),
            ["content"] = Value("Object", "JavaScript", "({ naam: 'Anna', kenmerk: 'K-1' })"),
            ["authorization"] = Value("String", "Literal", "Bearer token123"),
            ["requestHeaders"] = Value("HttpHeaders", "Json", "{\"X-Bron\":\"klachten\"}"),
            ["expectedStatusCodes"] = new JsonArray(
                new JsonObject { ["statusCode"] = 200, ["activity"] = Line("ok", "'200'") },
                new JsonObject { ["statusCode"] = 201, ["activity"] = Line("aangemaakt", "'aangemaakt: ' + getStatus()") }),
            ["unmatchedStatusCode"] = Line("onverwacht", "'onverwacht'"),
            ["statusCode"] = new JsonObject { ["typeName"] = "Int32", ["memoryReference"] = new JsonObject { ["id"] = "status" } },
        });
        var root = ElsaJson.Activity("root", "Elsa.Sequence", new JsonObject { ["activities"] = new JsonArray(request, Line("daarna", "'daarna'")) });

        var (state, lines) = await RunAsync(root, "status");
        // Another round finds nothing left: the request is not sent twice.
        Assert.Equal(0, await fixture.Factory.Services.GetRequiredService<HttpRequestWorker>().SendAllQueuedAsync(CancellationToken.None));

        Assert.Equal("Finished", (string?)state["subStatus"]);
        Assert.Equal(["aangemaakt: 201", "daarna"], lines);
        var received = Assert.Single(target.Received(key));
        Assert.Equal(("POST", "application/json"), (received.Method, received.ContentType));
        Assert.Equal("{\"naam\":\"Anna\",\"kenmerk\":\"K-1\"}", received.Body);
        Assert.Equal("klachten", received.Headers["X-Bron"]);
        Assert.Equal("Bearer token123", received.Headers["Authorization"]);
        // The execute answer showed the waiting request's bookmark, without its token.
        Assert.Contains("\"kind\":\"HttpRequest\"", _executed, StringComparison.Ordinal);
        Assert.DoesNotContain("token123", _executed, StringComparison.Ordinal);
    }

    private async Task<(JsonObject State, string[] Lines)> RunAsync(JsonObject root, params string[] variables)
    {
        var id = ElsaJson.NewDefinitionId();
        var definition = new JsonObject
        {
            ["definitionId"] = id, ["name"] = "HTTP-verzoek " + id, ["version"] = 1, ["toolVersion"] = "3.8.0", ["isPublished"] = true,
            ["variables"] = new JsonArray([.. variables.Select(v => (JsonNode?)new JsonObject { ["id"] = v, ["name"] = v, ["typeName"] = "Object" })]),
            ["root"] = root,
        };
        using var imported = await _owner.PostAsync("/elsa/api/workflow-definitions/import", ElsaJson.Body(definition));
        Assert.True(imported.StatusCode == HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());

        using var executed = await _owner.PostAsync($"/elsa/api/workflow-definitions/{id}/execute", ElsaJson.Body(new JsonObject()));
        Assert.True(executed.StatusCode == HttpStatusCode.OK, await executed.Content.ReadAsStringAsync());
        _executed = await executed.Content.ReadAsStringAsync();
        var instanceId = (string)JsonNode.Parse(_executed)!["workflowState"]!["id"]!;
        await fixture.Factory.Services.GetRequiredService<HttpRequestWorker>().SendAllQueuedAsync(CancellationToken.None);

        var instance = await (await _owner.GetAsync($"/elsa/api/workflow-instances/{instanceId}")).ReadObjectAsync();
        return (instance["workflowState"]!.AsObject(), await LinesAsync(instanceId));
    }

    private async Task<string[]> LinesAsync(string instanceId)
    {
        using var scope = fixture.Factory.Services.CreateScope();
        var payloads = await scope.ServiceProvider.GetRequiredService<KlachtenDbContext>().JournalEntries.AsNoTracking()
            .Where(j => j.InstanceId == instanceId && j.EventName == "Completed" && j.ActivityType == "Elsa.WriteLine")
            .OrderBy(j => j.Sequence)
            .Select(j => j.PayloadJson)
            .ToListAsync();
        return [.. payloads.Select(p => (string?)JsonNode.Parse(p!)!["text"] ?? string.Empty)];
    }

    private static JsonObject Flow(JsonObject request, params (string Port, JsonObject Next)[] branches)
    {
        var activities = new JsonArray(ElsaJson.Activity("start", "Elsa.Start"), request);
        var connections = new JsonArray(ElsaJson.Connection("start", "Done", (string)request["id"]!));
        foreach (var (port, next) in branches)
        {
            activities.Add(next);
            connections.Add(ElsaJson.Connection((string)request["id"]!, port, (string)next["id"]!));
        }

        return ElsaJson.Activity("flow", "Elsa.Flowchart", new JsonObject { ["activities"] = activities, ["connections"] = connections });
    }

    private static JsonObject FlowRequest(string url, string expectedStatusCodes) => ElsaJson.Activity("http", "Elsa.FlowSendHttpRequest", new JsonObject
    {
        ["url"] = Value("Uri", "Literal", url),
        ["method"] = Value("String", "Literal", "GET"),
        ["expectedStatusCodes"] = Value("ICollection<Int32>", "Object", expectedStatusCodes),
    });

    private static JsonObject Line(string id, string script) =>
        ElsaJson.Activity(id, "Elsa.WriteLine", new JsonObject { ["text"] = Value("String", "JavaScript", script) });

    private string Url(string key, string behaviour) => new Uri(target.BaseAddress, $"/{key}/{behaviour}").AbsoluteUri;

    private static string Key() => Guid.NewGuid().ToString("N")[..10];

    // A port nobody listens on: taken from the system, then given back.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static JsonObject Value(string typeName, string syntax, string value) =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = syntax, ["value"] = value } };
}

/// <summary>A server that may send to 127.0.0.1 only, with a short timeout so the Timeout path is quick.</summary>
public abstract class HttpRequestServerFixture(Provider provider) : ServerFixture(provider)
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Klachten:Workflows:HttpRequests:AllowedHosts:0"] = "127.0.0.1";
        settings["Klachten:Workflows:HttpRequests:Timeout"] = "00:00:03";
    }
}

public sealed class SqliteHttpRequestServerFixture() : HttpRequestServerFixture(Provider.Sqlite);

public sealed class PostgreSqlHttpRequestServerFixture() : HttpRequestServerFixture(Provider.PostgreSql);

public sealed class SqliteSendHttpRequestActivityTests(SqliteHttpRequestServerFixture fixture, HttpTargetServer target)
    : SendHttpRequestActivityTests(fixture, target), IClassFixture<SqliteHttpRequestServerFixture>, IClassFixture<HttpTargetServer>;

public sealed class PostgreSqlSendHttpRequestActivityTests(PostgreSqlHttpRequestServerFixture fixture, HttpTargetServer target)
    : SendHttpRequestActivityTests(fixture, target), IClassFixture<PostgreSqlHttpRequestServerFixture>, IClassFixture<HttpTargetServer>;
