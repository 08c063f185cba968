using System.Text.Json.Nodes;
using Klachten.Workflows.Runtime;
using Microsoft.Extensions.Time.Testing;
using static Klachten.Workflows.Tests.Composition.Composites;

namespace Klachten.Workflows.Tests.Composition;

/// <summary>
/// ExecuteWorkflow, DispatchWorkflow and PublishEvent in the engine: they ask the host for a child instance or an event
/// (effects) and, for the children, wait on a bookmark the host resumes (Elsa's Runtime/Activities).
/// </summary>
public sealed class ChildWorkflowTests
{
    private static JsonObject Parallel(params JsonObject[] activities) => Activity("Elsa.Parallel", ("activities", new JsonArray([.. activities])));

    private readonly WorkflowEngine _engine = Engine(new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData("Elsa.ExecuteWorkflow", false)]
    [InlineData("Elsa.DispatchWorkflow", true)]
    public void ChildActivity_AsksForTheChild_AndWaitsOnItsBookmark(string type, bool dispatch)
    {
        var child = Activity(type,
            ("workflowDefinitionId", Literal("kind")),
            ("correlationId", Js("'zaak-' + getN()")),
            ("input", Js("({ naam: 'Anna' })")),
            ("waitForCompletion", Literal("true")));

        var result = _engine.Start(Definition(Sequence(Line("voor"), child, Line("na")), ("N", "7")), "ouder1");

        var request = Assert.Single(result.Effects.OfType<ChildWorkflowRequested>());
        Assert.Equal(("kind", "zaak-7", "ouder1", true, dispatch), (request.DefinitionId, request.CorrelationId, request.ParentInstanceId, request.WaitForCompletion, request.Dispatch));
        Assert.Equal("""{"naam":"Anna","ParentInstanceId":"ouder1"}""", request.Input.ToJsonString());
        var bookmark = Assert.Single(result.State.Bookmarks);
        Assert.Equal((BookmarkKind.ChildWorkflow, request.BookmarkId), (bookmark.Kind, bookmark.Id));
        Assert.Equal(["voor"], Lines(result));
    }

    [Fact]
    public void TwoChildActivities_AskForTwoDifferentInstances()
    {
        var definition = Definition(Parallel(Activity("Elsa.ExecuteWorkflow", ("workflowDefinitionId", Literal("kind"))), Activity("Elsa.DispatchWorkflow", ("workflowDefinitionId", Literal("kind")))));

        var requests = _engine.Start(definition, "ouder2").Effects.OfType<ChildWorkflowRequested>().ToList();

        Assert.Equal(2, requests.Select(r => r.InstanceId).Distinct().Count());
        Assert.Equal(2, requests.Select(r => r.BookmarkId).Distinct().Count());
    }

    [Fact]
    public void Resume_PutsTheChildsResultInTheBoundVariable_AndGoesOn()
    {
        var child = Activity("Elsa.ExecuteWorkflow", ("workflowDefinitionId", Literal("kind")), ("waitForCompletion", Literal("true")), ("result", Bound("Uit")));
        var definition = Definition(Sequence(child, LineJs("'ontvangen: ' + getUit().Result")), ("Uit", ""));
        var started = _engine.Start(definition, "ouder4");

        var resumed = _engine.Resume(definition, Stored(started), started.State.Bookmarks[0].Id, new JsonObject { ["Result"] = 42 })!;

        Assert.Equal(WorkflowSubStatus.Finished, resumed.State.SubStatus);
        Assert.Equal(["ontvangen: 42"], Lines(resumed));
    }

    [Fact]
    public void Resume_WithAFault_FaultsTheActivity()
    {
        var definition = Definition(Sequence(Activity("Elsa.DispatchWorkflow", ("workflowDefinitionId", Literal("weg")))));
        var started = _engine.Start(definition, "ouder5");

        var resumed = _engine.Resume(definition, Stored(started), started.State.Bookmarks[0].Id, ChildWorkflowFault.Input("Workflow 'weg' heeft geen gepubliceerde versie."))!;

        Assert.Equal(WorkflowSubStatus.Faulted, resumed.State.SubStatus);
        Assert.Equal("Workflow 'weg' heeft geen gepubliceerde versie.", Assert.Single(resumed.State.Incidents).Message);
    }

    [Fact]
    public void ChildActivity_WithoutDefinition_Faults()
    {
        var result = _engine.Start(Definition(Sequence(Activity("Elsa.ExecuteWorkflow"))), "ouder6");

        Assert.Equal(WorkflowSubStatus.Faulted, result.State.SubStatus);
        Assert.Empty(result.Effects);
    }

    [Fact]
    public void Start_WithAParent_RecordsIt()
    {
        var result = _engine.Start(Definition(Sequence(Line("kind"))), "kind1", parent: new ParentLink("ouder7", "bm1"));

        Assert.Equal(("ouder7", "bm1"), (Stored(result).ParentInstanceId, Stored(result).ParentBookmarkId));
    }

    [Theory]
    [InlineData("false", "zaak-1", null)]
    [InlineData("true", "", "ouder8")]
    public void PublishEvent_AsksForTheEvent_AndCompletes(string local, string correlationId, string? instanceId)
    {
        var publish = Activity("Elsa.PublishEvent", ("eventName", Literal("Betaald")), ("correlationId", Literal(correlationId)),
            ("isLocalEvent", Literal(local)), ("payload", Js("({ bedrag: 12 })")));

        var result = _engine.Start(Definition(Sequence(publish, Line("na"))), "ouder8");

        var published = Assert.Single(result.Effects.OfType<EventPublished>());
        Assert.Equal(("Betaald", correlationId.Length == 0 ? null : correlationId, instanceId), (published.EventName, published.CorrelationId, published.WorkflowInstanceId));
        Assert.Equal("""{"bedrag":12}""", published.Payload!.ToJsonString());
        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        Assert.Equal(["na"], Lines(result));
    }
}
