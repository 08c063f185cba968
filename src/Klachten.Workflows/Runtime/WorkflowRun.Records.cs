using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Runtime;

/// <summary>What a run records (journal, faults, bookmarks) and how it finds an activity's behaviour and context.</summary>
internal sealed partial class WorkflowRun
{
    /// <summary>
    /// The journal payload plus the inputs as evaluated (under <c>activityState</c>), which the engine keeps nowhere
    /// else; the instance viewer shows them as the selected activity's state.
    /// </summary>
    private static JsonObject WithActivityState(ActivityContext context)
    {
        var payload = context.JournalPayload;
        if (context.EvaluatedInputs.Count > 0)
        {
            payload[JournalEntry.ActivityStateKey] = context.EvaluatedInputs.DeepClone();
        }

        return payload;
    }

    private void Fault(string nodeId, string executionId, string message, DateTimeOffset startedAt, JsonObject? payload = null)
    {
        // Elsa's default incident strategy: the instance becomes Faulted and keeps its place for a retry.
        var activity = graph.Node(nodeId);
        state.Active.Add(new ActiveActivity { ActivityId = activity.Id!, NodeId = nodeId, ExecutionId = executionId, Status = ActiveStatus.Faulted, StartedAt = startedAt });
        state.Incidents.Add(new Incident(activity.Id!, DefinitionGraph.RealId(nodeId), activity.Type!, message, now));
        Journal(nodeId, executionId, "Faulted", message, payload);
        state.Status = WorkflowStatus.Finished;
        state.SubStatus = WorkflowSubStatus.Faulted;
        state.FinishedAt = now;
        _faulted = true;
    }

    private ActivityContext NewContext(ActivityModel activity, string executionId, JsonObject? properties)
    {
        var (input, output) = WorkflowScope(activity);
        return new(activity, executionId, state, now, expressions, _effects, services, properties) { ScopeInput = input, WorkflowOutput = output };
    }

    private IActivityBehavior? BehaviorOrNull(ActivityModel activity) =>
        activity.IsWorkflowActivity ? WorkflowActivityBehavior.Instance
        : activity.Type is not null && activities.TryGetBehavior(activity.Type, out var behavior) ? behavior : null;

    private IActivityBehavior Behavior(ActivityModel activity) =>
        BehaviorOrNull(activity) is { } behavior
            ? behavior
            : throw new ExpressionException($"Activiteitstype '{activity.Type}' kan niet worden uitgevoerd.");

    private static Bookmark NewBookmark(ActivityModel activity, string nodeId, string executionId, BookmarkRequest request) => new()
    {
        Id = request.Id ?? NewId(),
        Kind = request.Kind,
        ActivityId = activity.Id!,
        ActivityNodeId = DefinitionGraph.RealId(nodeId),
        ActivityType = activity.Type!,
        ExecutionId = executionId,
        DueAt = request.DueAt,
        EventName = request.EventName,
        CorrelationId = request.CorrelationId,
        TaskId = request.TaskId,
        Payload = request.Payload,
    };

    private void Journal(string nodeId, string executionId, string eventName, string? message, JsonObject? payload)
    {
        var activity = graph.Node(nodeId);
        // Iterations of a ParallelForEach body are told apart by execution id; the journal names the definition's node.
        _journal.Add(new JournalEntry(++state.JournalSequence, now, activity.Id!, DefinitionGraph.RealId(nodeId), activity.Type!,
            activity.Name, executionId, eventName, message, payload?.DeepClone().AsObject()));
    }

    private static string NewId() => Guid.CreateVersion7().ToString("N");

    /// <summary>
    /// Before an activity of a ParallelForEach run executes, that run's item becomes <c>CurrentValue</c> (and its index
    /// <c>CurrentIndex</c>), unless a sequential loop nearer to the activity owns those variables.
    /// </summary>
    private void EnterIteration(string nodeId)
    {
        if (DefinitionGraph.TagOf(nodeId) is null)
        {
            return;
        }

        for (string? child = nodeId, parent = graph.ParentOf(nodeId); parent is not null; child = parent, parent = graph.ParentOf(parent))
        {
            var type = graph.Node(parent).Type;
            if (type is ActivityTypes.ForEach or ActivityTypes.For or ActivityTypes.While)
            {
                return;
            }

            if (type == ActivityTypes.ParallelForEach)
            {
                var tag = DefinitionGraph.TagOf(child)!;
                var iteration = state.Active.FirstOrDefault(a => a.NodeId == parent)?.Properties?[Activities.ParallelForEachActivity.IterationsKey]?[tag[(tag.LastIndexOf('|') + 1)..]];
                if (iteration is not null)
                {
                    state.Variables["CurrentValue"] = iteration["value"]?.DeepClone();
                    state.Variables["CurrentIndex"] = iteration["index"]?.DeepClone();
                }

                return;
            }
        }
    }
}
