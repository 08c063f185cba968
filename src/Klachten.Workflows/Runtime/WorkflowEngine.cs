using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Runtime;

/// <summary>
/// Executes Elsa 3 flowcharts with Elsa's counter-based flow rules (or token-based, per instance or by option).
/// Pure: it reads time only from the given <see cref="TimeProvider"/>, never touches storage, and returns the new
/// state, journal and effects of a step.
/// </summary>
public sealed class WorkflowEngine
{
    private const int GraphCacheLimit = 512;
    private readonly IExpressionEvaluator _expressions;
    private readonly TimeProvider _clock;
    private readonly EngineServices _services;
    private readonly ActivityCatalog _activities;
    private readonly WorkflowEngineOptions _options;
    private readonly ConcurrentDictionary<string, DefinitionGraph> _graphs = new(StringComparer.Ordinal);

    /// <summary>Creates an engine that runs the activities of the catalog (by default <see cref="ActivityCatalog.Default"/>).</summary>
    public WorkflowEngine(IExpressionEvaluator expressions, TimeProvider clock, EngineServices? services = null, ActivityCatalog? activities = null, WorkflowEngineOptions? options = null)
    {
        _options = options ?? new WorkflowEngineOptions();
        _expressions = expressions;
        _clock = clock;
        _services = services ?? EngineServices.None;
        _activities = activities ?? ActivityCatalog.Default;
    }

    /// <summary>Whether the engine can execute an activity type (the flowchart container included).</summary>
    public bool CanExecute(string typeName) => _activities.TryGet(typeName, out _);

    /// <summary>
    /// Creates an instance and runs it until it finishes or waits. <paramref name="properties"/> are Elsa's run
    /// properties; <c>Flowchart:ExecutionMode</c> among them selects the flowchart mode of this instance.
    /// </summary>
    /// <param name="parent">The instance that started this one as a child, and the bookmark it waits on (if it waits).</param>
    public RunResult Start(WorkflowDefinitionModel definition, string instanceId, JsonObject? input = null, string? correlationId = null, string? triggerActivityId = null,
        ParentLink? parent = null, IReadOnlyDictionary<string, string>? properties = null)
    {
        var now = _clock.GetUtcNow();
        var state = new WorkflowState
        {
            Id = instanceId,
            DefinitionId = definition.DefinitionId ?? throw new ArgumentException("Definition has no definitionId.", nameof(definition)),
            DefinitionVersionId = definition.Id ?? throw new ArgumentException("Definition has no version id.", nameof(definition)),
            DefinitionVersion = definition.Version,
            CorrelationId = correlationId,
            Input = input ?? [],
            TriggerActivityId = triggerActivityId,
            ParentInstanceId = parent?.InstanceId,
            ParentBookmarkId = parent?.BookmarkId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var (key, value) in properties ?? new Dictionary<string, string>())
        {
            state.Properties[key] = value;
        }

        // Kept with the instance, so that a later change of options or definition does not switch a running instance.
        state.Properties[WorkflowEngineOptions.ExecutionModeProperty] = FlowchartMode(definition, properties).ToString();
        foreach (var (name, value) in VariableDefinitions.InitialValues(definition))
        {
            state.Variables[name] = value;
        }

        var run = NewRun(definition, state, now);
        run.Begin();
        return run.Complete();
    }

    /// <summary>Resumes one bookmark; a bookmark that no longer exists changes nothing (returns null).</summary>
    public RunResult? Resume(WorkflowDefinitionModel definition, WorkflowState state, string bookmarkId, JsonObject? input = null)
    {
        if (state.Status != WorkflowStatus.Running || state.Bookmarks.All(b => b.Id != bookmarkId))
        {
            return null;
        }

        var run = NewRun(definition, state, _clock.GetUtcNow());
        run.ResumeBookmark(bookmarkId, input);
        return run.Complete();
    }

    /// <summary>Cancels a running instance: every waiting activity is cancelled and its tasks withdrawn.</summary>
    public RunResult Cancel(WorkflowDefinitionModel definition, WorkflowState state)
    {
        var run = NewRun(definition, state, _clock.GetUtcNow());
        run.CancelWorkflow();
        return run.Complete();
    }

    /// <summary>Runs the faulted activities of a faulted instance again, then continues.</summary>
    public RunResult Retry(WorkflowDefinitionModel definition, WorkflowState state)
    {
        var run = NewRun(definition, state, _clock.GetUtcNow());
        run.RetryFaulted();
        return run.Complete();
    }

    // Elsa's order: the run's property, then (our addition) the definition's custom property, then the options.
    private FlowchartExecutionMode FlowchartMode(WorkflowDefinitionModel definition, IReadOnlyDictionary<string, string>? properties)
    {
        var key = WorkflowEngineOptions.ExecutionModeProperty;
        var chosen = properties?.GetValueOrDefault(key)
            ?? (definition.CustomProperties?[key] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null);
        var mode = Enum.TryParse<FlowchartExecutionMode>(chosen, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : FlowchartExecutionMode.Default;
        mode = mode == FlowchartExecutionMode.Default ? _options.DefaultFlowchartMode : mode;
        return mode == FlowchartExecutionMode.TokenBased ? mode : FlowchartExecutionMode.CounterBased;
    }

    private WorkflowRun NewRun(WorkflowDefinitionModel definition, WorkflowState state, DateTimeOffset now)
    {
        var key = definition.Id ?? definition.DefinitionId ?? string.Empty;
        if (!_graphs.TryGetValue(key, out var graph))
        {
            if (_graphs.Count >= GraphCacheLimit)
            {
                _graphs.Clear();
            }

            graph = _graphs.GetOrAdd(key, _ => new DefinitionGraph(definition.Root ?? throw new ArgumentException("Definition has no root.", nameof(definition)), definition.Variables));
        }

        return new WorkflowRun(graph, state, now, _expressions, _activities, _services);
    }
}

/// <summary>The parent of a child instance (ExecuteWorkflow, DispatchWorkflow).</summary>
/// <param name="InstanceId">The parent instance.</param>
/// <param name="BookmarkId">The parent's bookmark to resume when the child finishes; null when the parent does not wait.</param>
public sealed record ParentLink(string InstanceId, string? BookmarkId);
