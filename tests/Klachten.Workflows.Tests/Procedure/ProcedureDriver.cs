using System.Globalization;
using System.Text.Json.Nodes;
using Klachten.Contracts;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;
using Klachten.Workflows.Runtime;
using Klachten.Workflows.Terms;
using Klachten.Workflows.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Klachten.Workflows.Tests.Procedure;

/// <summary>
/// Drives <c>workflows/klachtenprocedure.json</c> on the engine alone, the way the server does: tasks are completed by
/// resuming their bookmark with <c>{outcome, data, completedBy}</c> (refused outcomes are rejected first, as the API's
/// 409), withdrawal and the written complaint resume their event bookmark, and timers fire in due order as the fake
/// clock passes them. Every effect is written to <see cref="Log"/> as one readable line (see <see cref="Steps"/>).
/// </summary>
internal sealed class ProcedureDriver
{
    private static readonly Lazy<WorkflowDefinitionModel> LazyDefinition = new(() =>
        DefinitionNormalizer.Normalize(DefinitionJson.Parse(DefinitionFiles.ReadWorkflow("klachtenprocedure.json"))));

    private readonly WorkflowEngine _engine;
    private readonly Dictionary<string, CreateHumanTask> _openTasks = new(StringComparer.Ordinal);
    private readonly List<WorkflowEffect> _effects = [];
    private WorkflowState? _state;

    /// <param name="now">The clock at the start, e.g. the registration moment.</param>
    public ProcedureDriver(DateTimeOffset now)
    {
        Clock = new FakeTimeProvider(now);
        _engine = CreateEngine(Clock);
    }

    public static WorkflowDefinitionModel Definition => LazyDefinition.Value;

    public FakeTimeProvider Clock { get; }

    public WorkflowState State => _state ?? throw new InvalidOperationException("Start the procedure first.");

    /// <summary>Every effect so far as one line each, in the order the engine produced them, plus the driver's actions.</summary>
    public List<string> Log { get; } = [];

    /// <summary>Tasks created and not yet completed or withdrawn, by title.</summary>
    public IReadOnlyDictionary<string, CreateHumanTask> OpenTasks => _openTasks.Values.ToDictionary(t => t.Title, StringComparer.Ordinal);

    /// <summary>The last status the procedure set (the case's status), or null when it set none.</summary>
    public string? LastStatus => _effects.OfType<SetCaseStatus>().LastOrDefault()?.Status;

    /// <summary>
    /// The engine with the Klachten activities, as the server registers it (RuntimeExtensions): scripts in Amsterdam
    /// time, terms on the default Dutch legal calendar. The one place that knows how activities are registered.
    /// </summary>
    public static WorkflowEngine CreateEngine(TimeProvider clock) =>
        new(new ExpressionEvaluator(new ExpressionOptions { TimeZoneId = "Europe/Amsterdam" }), clock,
            new EngineServices { Terms = new TermCalculator(new LegalCalendar(new CalendarSettings())) });

    /// <summary>
    /// The letter an effect requests, or null. The one place that knows how a letter request looks.
    /// </summary>
    public static (string Kind, IReadOnlyList<string> Recipients, IReadOnlyList<string> CopyTo)? LetterOf(WorkflowEffect effect) =>
        effect is RequestLetter letter ? (letter.LetterKind, letter.Recipients, letter.CopyTo) : null;

    /// <summary>Starts the procedure with the input the server's registration gives it (RegisterComplaint).</summary>
    public ProcedureDriver Start(string stage, DateOnly receivedOn, bool lapsed = false, string? concernedEmployee = null,
        string manager = "leidinggevende1", bool hasRepresentative = false)
    {
        var input = new JsonObject
        {
            ["complaintId"] = "c1",
            ["reference"] = "KL-2026-0001",
            ["stage"] = stage,
            ["lapsed"] = lapsed,
            ["receivedOn"] = Day(receivedOn),
            ["hasRepresentative"] = hasRepresentative,
            ["hasConcernedEmployee"] = concernedEmployee is not null,
            ["concernedEmployee"] = concernedEmployee,
            ["manager"] = manager,
        };
        Record(_engine.Start(Definition, "instance-1", input, correlationId: "c1"));
        return this;
    }

    /// <summary>
    /// Completes the open task with this title, as <c>POST /api/tasks/{id}/complete</c> does. Throws
    /// <see cref="RefusedOutcomeException"/> for a refused outcome (the API's 409) without running the engine.
    /// </summary>
    public ProcedureDriver Complete(string title, string outcome, params (string Field, string Value)[] data)
    {
        var task = OpenTasks.TryGetValue(title, out var open) ? open
            : throw new InvalidOperationException($"No open task '{title}'; open: {string.Join(", ", OpenTasks.Keys)}.");
        if (task.RefusedOutcomes?.TryGetValue(outcome, out var reason) == true)
        {
            throw new RefusedOutcomeException(reason);
        }

        var fields = new JsonObject();
        foreach (var (field, value) in data)
        {
            fields[field] = value;
        }

        Log.Add(Steps.Completed(title, outcome));
        var input = new JsonObject { ["outcome"] = outcome, ["comment"] = null, ["data"] = fields, ["completedBy"] = task.Assignee ?? task.Role };
        _openTasks.Remove(task.TaskId);
        Record(_engine.Resume(Definition, State, task.BookmarkId, input) ?? throw new InvalidOperationException($"Task '{title}' had no bookmark."));
        return this;
    }

    /// <summary>Withdraws the complaint as <c>POST /api/complaints/{id}/withdraw</c>; false when nothing listens (the API's 409).</summary>
    public bool Withdraw() => ResumeEvent("KlachtIngetrokken", null, Steps.WithdrawalReceived);

    /// <summary>Records the written complaint as <c>POST /api/complaints/{id}/written-complaint</c>; false when nothing waits.</summary>
    public bool SubmitWritten(DateOnly receivedOn, bool lapsed) =>
        ResumeEvent("SchriftelijkeKlachtOntvangen", new JsonObject { ["receivedOn"] = Day(receivedOn), ["lapsed"] = lapsed }, Steps.WrittenReceived(receivedOn));

    /// <summary>Moves the clock to <paramref name="until"/>, firing every timer due on the way at its due instant, as the timer loop does.</summary>
    public ProcedureDriver AdvanceTo(DateTimeOffset until)
    {
        while (State.Bookmarks.Where(b => b.Kind == BookmarkKind.Timer && b.DueAt <= until).OrderBy(b => b.DueAt).FirstOrDefault() is { } timer)
        {
            if (timer.DueAt > Clock.GetUtcNow())
            {
                Clock.SetUtcNow(timer.DueAt!.Value);
            }

            Record(_engine.Resume(Definition, State, timer.Id) ?? throw new InvalidOperationException($"Timer {timer.Id} did not resume."));
        }

        if (until > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(until);
        }

        return this;
    }

    /// <summary>Moves the clock to 09:00 Amsterdam time on <paramref name="day"/>, firing the timers due before.</summary>
    public ProcedureDriver AdvanceToMorningOf(DateOnly day) => AdvanceTo(AmsterdamTime.StartOfDay(day).AddHours(9));

    private bool ResumeEvent(string eventName, JsonObject? input, string logLine)
    {
        var bookmark = _state?.Bookmarks.FirstOrDefault(b => b.Kind == BookmarkKind.Event && b.EventName == eventName);
        if (bookmark is null || _state!.Status != WorkflowStatus.Running)
        {
            return false;
        }

        Log.Add(logLine);
        Record(_engine.Resume(Definition, State, bookmark.Id, input)!);
        return true;
    }

    private void Record(RunResult result)
    {
        _state = result.State;
        Assert.True(result.State.Incidents.Count == 0, $"The procedure faulted: {string.Join("; ", result.State.Incidents.Select(i => i.ActivityId + ": " + i.Message))}");
        foreach (var effect in result.Effects)
        {
            _effects.Add(effect);
            if (Describe(effect) is { } line)
            {
                Log.Add(line);
            }
        }
    }

    // A completion is the step the test took itself; the story logs what the procedure did in answer.
    private string? Describe(WorkflowEffect effect)
    {
        if (LetterOf(effect) is { } letter)
        {
            return Steps.Letter(letter.Kind, letter.Recipients, letter.CopyTo);
        }

        switch (effect)
        {
            case CreateHumanTask task:
                _openTasks[task.TaskId] = task;
                return Steps.Task(task.Role, task.Title, task.Due);
            case CancelHumanTask cancel:
                var title = _openTasks.TryGetValue(cancel.TaskId, out var cancelled) ? cancelled.Title : cancel.TaskId;
                _openTasks.Remove(cancel.TaskId);
                return Steps.Withdrawn(title);
            case SetCaseStatus status:
                return Steps.Status(status.Status);
            case TermOverrun overrun:
                return Steps.Overrun(overrun.Role, overrun.Title, overrun.ExpiresAt);
            case HumanTaskCompleted:
                return null;
            default:
                return effect.ToString();
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The API would answer 409 with this Dutch reason: the task shows the outcome but refuses it.</summary>
internal sealed class RefusedOutcomeException(string reason) : Exception(reason);
