using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;
using Klachten.Workflows.Runtime;
using Microsoft.Extensions.Time.Testing;
using static Klachten.Workflows.Tests.Composition.Composites;

namespace Klachten.Workflows.Tests.Composition;

/// <summary>
/// SendHttpRequest and FlowSendHttpRequest in the engine: the request waits on a bookmark, the response picks the
/// outcome (mirrors Elsa's test/unit/Elsa.Activities.UnitTests/Http/FlowSendHttpRequestTests.cs and
/// SendHttpRequestTests.cs, where a fake handler stands in for what the host resumes with here).
/// </summary>
public sealed class HttpRequestTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly WorkflowEngine _engine = Engine(Clock);

    // Elsa: Should_Return_Outcome_Based_On_Status_Code (its four cases).
    [Theory]
    [InlineData("[\"200\",\"404\"]", 200, new[] { "200", "Done" })]
    [InlineData("[\"200\",\"404\"]", 404, new[] { "404", "Done" })]
    [InlineData("[200,404]", 500, new[] { "Unmatched status code", "Done" })]
    [InlineData("[]", 200, new[] { "Done" })]
    public void Flow_LeavesThroughTheStatusCode_OrUnmatched_AndDone(string expected, int status, string[] outcomes)
    {
        var (definition, request) = FlowDefinition(expected);
        var started = _engine.Start(definition, "h1");

        var resumed = Respond(definition, started, new JsonObject { ["statusCode"] = status, ["headers"] = new JsonObject(), ["content"] = null });

        Assert.Equal(outcomes, Outcomes(resumed, (string)request["id"]!));
    }

    // Elsa: Should_Return_FailedToConnect_Outcome_On_HttpRequestException and Should_Return_Timeout_Outcome_On_TaskCanceledException.
    [Theory]
    [InlineData("FailedToConnect", "Failed to connect")]
    [InlineData("Timeout", "Timeout")]
    public void Flow_WithoutAResponse_LeavesThroughFailedToConnectOrTimeout(string failure, string outcome)
    {
        var (definition, request) = FlowDefinition("[\"200\"]");
        var started = _engine.Start(definition, "h2");

        var resumed = Respond(definition, started, new JsonObject { ["failure"] = failure, ["message"] = "weg" });

        Assert.Equal([outcome], Outcomes(resumed, (string)request["id"]!));
    }

    [Fact]
    public void Flow_QueuesTheRequestAsTheBookmarkPayload_WithoutKeepingTheTokenInTheJournal()
    {
        var request = Activity("Elsa.FlowSendHttpRequest",
            ("url", Literal("https://api.example.nl/zaken?x=1")), ("method", Literal("post")),
            ("contentType", Literal("application/json")), ("content", Js("({ naam: 'Anna' })")),
            ("authorization", Literal("Bearer geheim")), ("requestHeaders", Literal("{\"X-Bron\":\"klachten\"}")));

        var result = _engine.Start(Definition(Flowchart(request)), "h3");

        var bookmark = Assert.Single(result.State.Bookmarks);
        Assert.Equal(BookmarkKind.HttpRequest, bookmark.Kind);
        Assert.Equal("https://api.example.nl/zaken?x=1", (string?)bookmark.Payload!["url"]);
        Assert.Equal("POST", (string?)bookmark.Payload["method"]);
        Assert.Equal("{\"naam\":\"Anna\"}", (string?)bookmark.Payload["content"]);
        Assert.Equal("Bearer geheim", (string?)bookmark.Payload["authorization"]);
        Assert.Equal("[\"klachten\"]", bookmark.Payload["headers"]!["X-Bron"]!.ToJsonString());
        Assert.DoesNotContain(result.Journal, j => j.Payload?.ToJsonString().Contains("geheim", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Flow_ToAHostNotAllowed_FaultsWithoutQueueingAnything()
    {
        var engine = new WorkflowEngine(new ExpressionEvaluator(new ExpressionOptions()), Clock, new EngineServices { HttpHosts = new HttpHostPolicy(["*.example.nl"]) });
        var request = Activity("Elsa.FlowSendHttpRequest", ("url", Literal("https://elders.example.com/")));

        var result = engine.Start(Definition(Flowchart(request)), "h4");

        Assert.Equal(WorkflowSubStatus.Faulted, result.State.SubStatus);
        Assert.Empty(result.State.Bookmarks);
        Assert.Contains("elders.example.com", Assert.Single(result.State.Incidents).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flow_ParsedContentBoundToAVariable_IsReadByTheNextActivity()
    {
        var request = Activity("Elsa.FlowSendHttpRequest", ("url", Literal("https://api.example.nl/")), ("parsedContent", Bound("antwoord")));
        var definition = Definition(Flowchart(request, LineJs("getAntwoord().naam")), ("antwoord", ""));
        var started = _engine.Start(definition, "h5");

        var resumed = Respond(definition, started, new JsonObject { ["statusCode"] = 200, ["content"] = new JsonObject { ["naam"] = "Karin" } });

        Assert.Equal(["Karin"], Lines(resumed));
        Assert.Equal(200, resumed.State.Outputs[(string)request["id"]!]!["statusCode"]!.GetValue<int>());
    }

    // Elsa: Should_Schedule_Activity_According_To_Handlers (404 → its case, 500 → UnmatchedStatusCode),
    // Should_Schedule_FailedToConnect_Activity_On_HttpRequestException, Should_Schedule_Timeout_Activity_On_TaskCanceledException.
    [Theory]
    [InlineData(404, null, "niet gevonden")]
    [InlineData(500, null, "onverwacht")]
    [InlineData(0, "FailedToConnect", "geen verbinding")]
    [InlineData(0, "Timeout", "te laat")]
    public void Send_RunsTheActivityOfTheStatusCode_ThenCompletes(int status, string? failure, string expected)
    {
        var request = SendRequest(unmatched: true);
        var definition = Definition(Sequence(request, Line("daarna")));
        var started = _engine.Start(definition, "h6");
        Assert.Equal(WorkflowSubStatus.Suspended, started.State.SubStatus);

        var resumed = Respond(definition, started, failure is null ? new JsonObject { ["statusCode"] = status } : new JsonObject { ["failure"] = failure });

        Assert.Equal([expected, "daarna"], Lines(resumed));
        Assert.Equal(WorkflowSubStatus.Finished, resumed.State.SubStatus);
    }

    // Elsa: Should_Schedule_No_Activity_When_No_Status_Code_Cases_Match_And_No_Unmatched_Handler.
    [Fact]
    public void Send_WithoutAMatchingCaseOrUnmatchedActivity_RunsNothingAndCompletes()
    {
        var definition = Definition(Sequence(SendRequest(unmatched: false), Line("daarna")));
        var started = _engine.Start(definition, "h7");

        var resumed = Respond(definition, started, new JsonObject { ["statusCode"] = 500 });

        Assert.Equal(["daarna"], Lines(resumed));
    }

    [Fact]
    public void Send_Cancelled_WhileWaiting_DropsItsBookmark()
    {
        var definition = Definition(Sequence(SendRequest(unmatched: true)));
        var started = _engine.Start(definition, "h8");

        var cancelled = _engine.Cancel(definition, Stored(started));

        Assert.Empty(cancelled.State.Bookmarks);
        Assert.Equal(WorkflowSubStatus.Cancelled, cancelled.State.SubStatus);
    }

    private static JsonObject SendRequest(bool unmatched)
    {
        var request = Activity("Elsa.SendHttpRequest",
            ("url", Literal("https://api.example.nl/")),
            ("expectedStatusCodes", new JsonArray(
                new JsonObject { ["statusCode"] = 200, ["activity"] = Line("gelukt") },
                new JsonObject { ["statusCode"] = "404", ["activity"] = Line("niet gevonden") })),
            ("failedToConnect", Line("geen verbinding")),
            ("timeout", Line("te laat")));
        if (unmatched)
        {
            request["unmatchedStatusCode"] = Line("onverwacht");
        }

        return request;
    }

    private static (WorkflowDefinitionModel Definition, JsonObject Request) FlowDefinition(string expectedCodes)
    {
        var request = Activity("Elsa.FlowSendHttpRequest", ("url", Literal("https://api.example.nl/")), ("expectedStatusCodes", Expression("Object", expectedCodes)));
        return (Definition(Flowchart(request)), request);
    }

    private RunResult Respond(WorkflowDefinitionModel definition, RunResult started, JsonObject input)
    {
        var bookmark = Assert.Single(started.State.Bookmarks, b => b.Kind == BookmarkKind.HttpRequest);
        return _engine.Resume(definition, Stored(started), bookmark.Id, input)!;
    }

    private static List<string> Outcomes(RunResult result, string activityId) =>
        [.. result.Journal.Single(j => j.ActivityId == activityId && j.EventName == "Completed").Payload!["outcomes"]!.AsArray().Select(o => o!.ToString())];

    private static JsonObject Expression(string type, string value) =>
        new() { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = type, ["value"] = value } };
}
