using System.Text.Json.Nodes;
using Klachten.Workflows.Expressions;
using Klachten.Workflows.Runtime;
using Klachten.Workflows.Terms;
using Microsoft.Extensions.Time.Testing;
using static Klachten.Workflows.Tests.Runtime.FlowBuilder;

namespace Klachten.Workflows.Tests.Runtime;

public sealed class WorkflowEngineTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly WorkflowEngine _engine;

    public WorkflowEngineTests() =>
        _engine = new WorkflowEngine(new ExpressionEvaluator(new ExpressionOptions()), _clock,
            new EngineServices { Terms = new TermCalculator(new LegalCalendar(new CalendarSettings())) });

    [Fact]
    public void Start_Sequence_FinishesAndWritesLinesInOrder()
    {
        var definition = new FlowBuilder()
            .Add("start", "Elsa.Start").Add("a", "Elsa.WriteLine", ("text", Literal("A"))).Add("b", "Elsa.WriteLine", ("text", Literal("B")))
            .Connect("start", "a").Connect("a", "b").Build();

        var result = _engine.Start(definition, "i1");

        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
        Assert.Equal(["A", "B"], Lines(result));
    }

    [Fact]
    public void Resume_Delay_ContinuesOnceAndSecondResumeIsIgnored()
    {
        var definition = new FlowBuilder()
            .Add("start", "Elsa.Start").Add("wait", "Elsa.Delay", ("timeSpan", Literal("1.00:00:00"))).Add("a", "Elsa.WriteLine", ("text", Literal("Na wachten")))
            .Connect("start", "wait").Connect("wait", "a").Build();
        var started = _engine.Start(definition, "i2");
        var bookmark = Assert.Single(started.State.Bookmarks);
        Assert.Equal(_clock.GetUtcNow().AddDays(1), bookmark.DueAt);

        var resumed = _engine.Resume(definition, started.State, bookmark.Id);
        var again = _engine.Resume(definition, resumed!.State, bookmark.Id);

        Assert.Equal(WorkflowSubStatus.Finished, resumed.State.SubStatus);
        Assert.Equal(["Na wachten"], Lines(resumed));
        Assert.Null(again);
    }

    [Fact]
    public void Start_ForkWithWaitAllJoin_JoinsOnceAfterBothBranches()
    {
        var definition = new FlowBuilder()
            .Add("start", "Elsa.Start").Add("fork", "Elsa.FlowFork", ("branches", Literal("[\"L\",\"R\"]")))
            .Add("l", "Elsa.WriteLine", ("text", Literal("L"))).Add("r", "Elsa.WriteLine", ("text", Literal("R")))
            .Add("join", "Elsa.FlowJoin", ("mode", Literal("WaitAll"))).Add("done", "Elsa.WriteLine", ("text", Literal("Samen")))
            .Connect("start", "fork").Connect("fork", "l", "L").Connect("fork", "r", "R").Connect("l", "join").Connect("r", "join").Connect("join", "done")
            .Build();

        var result = _engine.Start(definition, "i3");

        Assert.Equal(["L", "R", "Samen"], Lines(result));
        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
    }

    [Fact]
    public void Start_WaitAnyJoin_CancelsTheWaitingBranchAndItsTask()
    {
        var definition = new FlowBuilder()
            .Add("start", "Elsa.Start").Add("fork", "Elsa.FlowFork", ("branches", Literal("[\"Taak\",\"Direct\"]")))
            .Add("task", "Klachten.HumanTask", ("title", Literal("Beoordeel")), ("role", Literal("directeur")))
            .Add("direct", "Elsa.WriteLine", ("text", Literal("Direct")))
            .Add("join", "Elsa.FlowJoin", ("mode", Literal("WaitAny"))).Add("done", "Elsa.WriteLine", ("text", Literal("Verder")))
            .Connect("start", "fork").Connect("fork", "task", "Taak").Connect("fork", "direct", "Direct").Connect("task", "join").Connect("direct", "join").Connect("join", "done")
            .Build();

        var result = _engine.Start(definition, "i4");

        Assert.Equal(["Direct", "Verder"], Lines(result));
        Assert.Empty(result.State.Bookmarks);
        var created = Assert.Single(result.Effects.OfType<CreateHumanTask>());
        Assert.Equal(created.TaskId, Assert.Single(result.Effects.OfType<CancelHumanTask>()).TaskId);
    }

    [Fact]
    public void Start_DecisionLoop_RunsUntilConditionIsFalse()
    {
        var definition = new FlowBuilder()
            .Variable("i", "Int32", "0")
            .Add("start", "Elsa.Start").Add("write", "Elsa.WriteLine", ("text", Js("'Ronde ' + getVariable('i')")))
            .Add("inc", "Elsa.SetVariable", ("variable", new JsonObject { ["id"] = "i", ["name"] = "i" }), ("value", Js("getVariable('i') + 1")))
            .Add("check", "Elsa.FlowDecision", ("condition", Js("getVariable('i') < 3")))
            .Connect("start", "write").Connect("write", "inc").Connect("inc", "check").Connect("check", "write", "True")
            .Build();

        var result = _engine.Start(definition, "i5");

        Assert.Equal(["Ronde 0", "Ronde 1", "Ronde 2"], Lines(result));
        Assert.Equal(WorkflowSubStatus.Finished, result.State.SubStatus);
    }

    [Fact]
    public void Start_EndlessLoopWithoutWait_FaultsInsteadOfHanging()
    {
        var definition = new FlowBuilder()
            .Add("start", "Elsa.Start").Add("a", "Elsa.WriteLine", ("text", Literal("x"))).Add("b", "Elsa.WriteLine", ("text", Literal("y")))
            .Connect("start", "a").Connect("a", "b").Connect("b", "a").Build();

        var result = _engine.Start(definition, "i6");

        Assert.Equal(WorkflowSubStatus.Faulted, result.State.SubStatus);
        Assert.Contains("oneindige lus", Assert.Single(result.State.Incidents).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_ScriptThatNeverEnds_FaultsTheActivityWithAnIncident()
    {
        var engine = new WorkflowEngine(new ExpressionEvaluator(new ExpressionOptions { ScriptTimeout = TimeSpan.FromMilliseconds(200) }), _clock);
        var definition = new FlowBuilder()
            .Add("start", "Elsa.Start").Add("spin", "Elsa.WriteLine", ("text", Js("while(true){}"))).Connect("start", "spin").Build();

        var result = engine.Start(definition, "i7");

        Assert.Equal(WorkflowSubStatus.Faulted, result.State.SubStatus);
        Assert.Equal("spin", Assert.Single(result.State.Incidents).ActivityId);
    }

    [Fact]
    public void Retry_FaultedActivity_RunsItAgain()
    {
        var definition = new FlowBuilder()
            .Add("start", "Elsa.Start").Add("boom", "Elsa.Fault", ("message", Literal("Mislukt"))).Connect("start", "boom").Build();
        var faulted = _engine.Start(definition, "i8");

        var retried = _engine.Retry(definition, faulted.State);

        Assert.Equal(WorkflowSubStatus.Faulted, retried.State.SubStatus);
        Assert.Equal(2, retried.State.Incidents.Count);
    }

    [Fact]
    public void Resume_HumanTaskWithOutcome_FollowsThatPort()
    {
        var definition = new FlowBuilder()
            .Add("start", "Elsa.Start")
            .Add("task", "Klachten.HumanTask", ("title", Literal("Beslis")), ("role", Literal("directeur")), ("outcomes", Literal("[\"Ja\",\"Nee\"]")),
                ("dueAmount", Literal("5")), ("dueUnit", Literal("WorkingDays")))
            .Add("ja", "Elsa.WriteLine", ("text", Literal("Ja gekozen"))).Add("nee", "Elsa.WriteLine", ("text", Literal("Nee gekozen")))
            .Connect("start", "task").Connect("task", "ja", "Ja").Connect("task", "nee", "Nee").Build();
        var started = _engine.Start(definition, "i9");
        var task = Assert.Single(started.Effects.OfType<CreateHumanTask>());
        Assert.Equal(new DateOnly(2026, 12, 8), task.Due);

        var resumed = _engine.Resume(definition, started.State, task.BookmarkId, new JsonObject { ["outcome"] = "Nee" });

        Assert.Equal(["Nee gekozen"], Lines(resumed!));
    }

    [Fact]
    public void Cancel_WaitingInstance_WithdrawsTasksAndRemovesBookmarks()
    {
        var definition = new FlowBuilder()
            .Add("start", "Elsa.Start").Add("task", "Klachten.HumanTask", ("title", Literal("Beslis")), ("role", Literal("directeur")))
            .Connect("start", "task").Build();
        var started = _engine.Start(definition, "i10");

        var cancelled = _engine.Cancel(definition, started.State);

        Assert.Equal(WorkflowSubStatus.Cancelled, cancelled.State.SubStatus);
        Assert.Empty(cancelled.State.Bookmarks);
        Assert.Single(cancelled.Effects.OfType<CancelHumanTask>());
    }

    private static List<string> Lines(RunResult result) =>
        result.Journal.Where(j => j is { ActivityType: "Elsa.WriteLine", EventName: "Completed" })
            .Select(j => j.Payload!["text"]!.GetValue<string>()).ToList();
}
