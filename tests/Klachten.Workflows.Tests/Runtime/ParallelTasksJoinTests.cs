using System.Text.Json.Nodes;
using Klachten.Workflows.Expressions;
using Klachten.Workflows.Runtime;
using Klachten.Workflows.Terms;
using Microsoft.Extensions.Time.Testing;
using static Klachten.Workflows.Tests.Runtime.FlowBuilder;

namespace Klachten.Workflows.Tests.Runtime;

/// <summary>
/// The shape of the procedure's receipt confirmation and contact (issue 16 item 8): one outcome connected to two
/// tasks starts both, a WaitAll join goes on only when both arrived, and a Finish on the other outcome withdraws the
/// task still open.
/// </summary>
public sealed class ParallelTasksJoinTests
{
    private readonly WorkflowEngine _engine = new(new ExpressionEvaluator(new ExpressionOptions()),
        new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)),
        new EngineServices { Terms = new TermCalculator(new LegalCalendar(new CalendarSettings())) });

    private static readonly Klachten.Workflows.Definitions.WorkflowDefinitionModel Definition = new FlowBuilder()
        .Add("start", "Elsa.Start")
        .Add("receipt", "Klachten.HumanTask", ("title", Literal("Bevestig")), ("role", Literal("directeur")), ("outcomes", Literal("[\"Bevestigd\"]")))
        .Add("contact", "Klachten.HumanTask", ("title", Literal("Contact")), ("role", Literal("directeur")), ("outcomes", Literal("[\"Ingetrokken\",\"Niet ingetrokken\"]")))
        .Add("join", "Elsa.FlowJoin", ("mode", Literal("WaitAll")))
        .Add("submit", "Elsa.WriteLine", ("text", Literal("Voorleggen")))
        .Add("finish", "Elsa.Finish")
        .Connect("start", "receipt").Connect("start", "contact")
        .Connect("receipt", "join", "Bevestigd").Connect("contact", "join", "Niet ingetrokken").Connect("contact", "finish", "Ingetrokken")
        .Connect("join", "submit")
        .Build();

    [Fact]
    public void Start_OneOutcomeToTwoTasks_CreatesBoth()
    {
        var started = _engine.Start(Definition, "p1");

        Assert.Equal(["Bevestig", "Contact"], started.Effects.OfType<CreateHumanTask>().Select(t => t.Title).Order().ToList());
        Assert.Equal(WorkflowSubStatus.Suspended, started.State.SubStatus);
    }

    [Fact]
    public void Resume_WaitAllJoin_GoesOnOnlyAfterBothTasksInEitherOrder()
    {
        foreach (var (first, firstOutcome, second, secondOutcome) in new[]
        {
            ("Contact", "Niet ingetrokken", "Bevestig", "Bevestigd"),
            ("Bevestig", "Bevestigd", "Contact", "Niet ingetrokken"),
        })
        {
            var started = _engine.Start(Definition, $"p-{first}");
            var tasks = started.Effects.OfType<CreateHumanTask>().ToDictionary(t => t.Title);

            var half = _engine.Resume(Definition, started.State, tasks[first].BookmarkId, new JsonObject { ["outcome"] = firstOutcome })!;
            Assert.Empty(Lines(half));
            Assert.Equal(WorkflowSubStatus.Suspended, half.State.SubStatus);

            var both = _engine.Resume(Definition, half.State, tasks[second].BookmarkId, new JsonObject { ["outcome"] = secondOutcome })!;
            Assert.Equal(["Voorleggen"], Lines(both));
            Assert.Equal(WorkflowSubStatus.Finished, both.State.SubStatus);
        }
    }

    [Fact]
    public void Resume_FinishWhileTheOtherTaskIsOpen_WithdrawsThatTask()
    {
        var started = _engine.Start(Definition, "p3");
        var tasks = started.Effects.OfType<CreateHumanTask>().ToDictionary(t => t.Title);

        var withdrawn = _engine.Resume(Definition, started.State, tasks["Contact"].BookmarkId, new JsonObject { ["outcome"] = "Ingetrokken" })!;

        Assert.Equal(WorkflowSubStatus.Finished, withdrawn.State.SubStatus);
        Assert.Empty(withdrawn.State.Bookmarks);
        Assert.Equal(tasks["Bevestig"].TaskId, Assert.Single(withdrawn.Effects.OfType<CancelHumanTask>()).TaskId);
        Assert.Empty(Lines(withdrawn));
    }

    private static List<string> Lines(RunResult result) =>
        result.Journal.Where(j => j is { ActivityType: "Elsa.WriteLine", EventName: "Completed" })
            .Select(j => j.Payload!["text"]!.GetValue<string>()).ToList();
}
