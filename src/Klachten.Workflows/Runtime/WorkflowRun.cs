using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Runtime;

/// <summary>
/// One engine step over one instance. Activities run from a FIFO scheduler (Elsa's default queue-based scheduler);
/// a flowchart schedules the targets of a completed child by visit counters (Elsa 3.8's default counter-based mode,
/// <c>Flowchart.Counters.cs</c>) or by tokens (the token-based mode, <c>Flowchart.Tokens.cs</c>), per instance.
/// </summary>
internal sealed partial class WorkflowRun(
    DefinitionGraph graph,
    WorkflowState state,
    DateTimeOffset now,
    IExpressionEvaluator expressions,
    ActivityCatalog activities,
    EngineServices services)
{
    // Far more than any procedure takes between two waits; a cycle with no exit faults after this many steps. At
    // 100,000 such a run held its request and wrote its journal for over a minute on a loaded two-core machine.
    private const int MaxStepsPerRun = 10_000;
    private readonly List<JournalEntry> _journal = [];
    private readonly List<WorkflowEffect> _effects = [];
    private readonly LinkedList<ScheduledActivity> _queue = new(state.Scheduled);
    private bool _faulted;

    public void Begin()
    {
        state.Status = WorkflowStatus.Running;
        state.SubStatus = WorkflowSubStatus.Executing;
        if (!graph.Root.IsFlowchart)
        {
            // A composite root (a Sequence, as Elsa's code-first workflows have) runs like any container.
            Schedule(graph.RootNodeId);
        }
        else if (!StartFlowchart(graph.RootNodeId))
        {
            FinishWorkflow();
        }

        Drain();
    }

    public void ResumeBookmark(string bookmarkId, JsonObject? input)
    {
        var bookmark = state.Bookmarks.Single(b => b.Id == bookmarkId);
        var active = state.Active.Single(a => a.ExecutionId == bookmark.ExecutionId);
        state.SubStatus = WorkflowSubStatus.Executing;

        // One resumption consumes every bookmark of that execution (e.g. a task and its reminder timer).
        state.Bookmarks.RemoveAll(b => b.ExecutionId == active.ExecutionId);
        var activity = graph.Node(active.NodeId);
        EnterIteration(active.NodeId);
        var context = NewContext(activity, active.ExecutionId, active.Properties);
        Journal(active.NodeId, active.ExecutionId, "Resumed", null, null);
        if (BehaviorOrNull(activity) is IContainerBehavior container)
        {
            Step(active, context, () => container.Resumed(context, bookmark, input));
            Drain();
            return;
        }

        ActivityResult result;
        try
        {
            result = Behavior(activity).Resume(context, bookmark, input);
        }
        catch (ExpressionException ex)
        {
            result = ActivityResult.Fault(ex.Message);
        }

        state.Active.Remove(active);
        Handle(active.NodeId, context, result, active.StartedAt);
        Drain();
    }

    public void CancelWorkflow()
    {
        CancelNodes(state.Active.Select(a => a.NodeId).ToHashSet(StringComparer.Ordinal));
        _queue.Clear();
        state.Tokens.Clear();
        state.FlowScopes.Clear();
        state.Status = WorkflowStatus.Finished;
        state.SubStatus = WorkflowSubStatus.Cancelled;
        state.FinishedAt = now;
    }

    public void RetryFaulted()
    {
        if (state.SubStatus != WorkflowSubStatus.Faulted)
        {
            return;
        }

        state.Status = WorkflowStatus.Running;
        state.SubStatus = WorkflowSubStatus.Executing;
        state.FinishedAt = null;
        foreach (var faulted in state.Active.Where(a => a.Status == ActiveStatus.Faulted).ToList())
        {
            state.Active.Remove(faulted);
            _queue.AddFirst(new ScheduledActivity(faulted.NodeId, faulted.ExecutionId));
        }

        Drain();
    }

    public RunResult Complete()
    {
        state.Scheduled.Clear();
        state.Scheduled.AddRange(_queue);
        state.UpdatedAt = now;
        if (state.Status == WorkflowStatus.Running && !_faulted)
        {
            state.SubStatus = WorkflowSubStatus.Suspended;
        }

        return new RunResult(state, _journal, _effects);
    }

    private void Drain()
    {
        var steps = 0;
        while (!_faulted && state.Status == WorkflowStatus.Running && _queue.First is { } next)
        {
            if (++steps > MaxStepsPerRun)
            {
                // A loop without a wait would otherwise hold the instance lock forever.
                Fault(next.Value.NodeId, next.Value.ExecutionId, $"De workflow voerde meer dan {MaxStepsPerRun} stappen uit zonder te wachten (oneindige lus?).", now);
                return;
            }

            _queue.RemoveFirst();
            Execute(next.Value);
        }
    }

    private void Execute(ScheduledActivity item)
    {
        var activity = graph.Node(item.NodeId);
        EnterIteration(item.NodeId);
        Journal(item.NodeId, item.ExecutionId, "Started", null, null);
        if (activity.IsFlowchart)
        {
            // A nested flowchart runs its children; it completes when none has work left.
            state.Active.Add(new ActiveActivity { ActivityId = activity.Id!, NodeId = item.NodeId, ExecutionId = item.ExecutionId, Status = ActiveStatus.Running, StartedAt = now });
            if (!StartFlowchart(item.NodeId))
            {
                CompleteFlowchart(item.NodeId);
            }

            return;
        }

        if (BehaviorOrNull(activity) is IContainerBehavior container)
        {
            StartContainer(item, activity, container);
            return;
        }

        var context = NewContext(activity, item.ExecutionId, null);
        ActivityResult result;
        try
        {
            result = activity.Id is { } id && id == state.TriggerActivityId ? Triggered(context) : Behavior(activity).Execute(context);
        }
        catch (ExpressionException ex)
        {
            result = ActivityResult.Fault(ex.Message);
        }

        Handle(item.NodeId, context, result, now);
    }

    private bool StartFlowchart(string flowchartNodeId)
    {
        // A flowchart run again (in a loop's body) counts its visits afresh, as Elsa's new execution context does.
        state.FlowScopes.Remove(flowchartNodeId);
        // Elsa's first rule: the activity whose trigger started the workflow, if it is a direct child.
        if (state.TriggerActivityId is { } triggerId && graph.Flowchart(flowchartNodeId).Has(triggerId))
        {
            Schedule(graph.ChildNodeId(flowchartNodeId, triggerId));
            return true;
        }

        if (graph.Flowchart(flowchartNodeId).Start is not { Id: { } startId })
        {
            return false;
        }

        Schedule(graph.ChildNodeId(flowchartNodeId, startId));
        return true;
    }

    // The trigger already happened: the activity completes with the trigger's payload instead of waiting for it.
    private ActivityResult Triggered(ActivityContext context)
    {
        state.TriggerActivityId = null;
        if (state.Input.Count > 0)
        {
            context.Outputs["result"] = state.Input.DeepClone();
        }

        return ActivityResult.Done;
    }

    private void Handle(string nodeId, ActivityContext context, ActivityResult result, DateTimeOffset startedAt)
    {
        var activity = context.Activity;
        switch (result)
        {
            case ActivityResult.Completed completed:
                RecordOutputs(context);
                var payload = WithActivityState(context);
                payload["outcomes"] = new JsonArray(completed.Outcomes.Select(o => (JsonNode?)JsonValue.Create(o)).ToArray());
                Journal(nodeId, context.ExecutionId, "Completed", null, payload);
                OnCompleted(nodeId, context.ExecutionId, completed.Outcomes);
                break;
            case ActivityResult.Suspended suspended:
                state.Active.Add(new ActiveActivity
                {
                    ActivityId = activity.Id!,
                    NodeId = nodeId,
                    ExecutionId = context.ExecutionId,
                    Status = ActiveStatus.Suspended,
                    StartedAt = startedAt,
                    Properties = context.Properties.Count > 0 ? context.Properties : null,
                });
                foreach (var request in suspended.Bookmarks)
                {
                    state.Bookmarks.Add(NewBookmark(activity, nodeId, context.ExecutionId, request));
                }

                var suspendedPayload = WithActivityState(context);
                Journal(nodeId, context.ExecutionId, "Suspended", null, suspendedPayload.Count > 0 ? suspendedPayload : null);
                break;
            case ActivityResult.Break:
                Journal(nodeId, context.ExecutionId, "Completed", null, new JsonObject { ["outcomes"] = new JsonArray("Done") });
                MarkBreaking(nodeId);
                OnCompleted(nodeId, context.ExecutionId, ["Done"]);
                break;
            case ActivityResult.Finished finished:
                var finishedPayload = WithActivityState(context);
                finishedPayload["outcomes"] = new JsonArray([.. finished.Outcomes.Select(o => (JsonNode?)JsonValue.Create(o))]);
                Journal(nodeId, context.ExecutionId, "Completed", null, finishedPayload);
                CompleteComposite(nodeId, finished.Outcomes);
                break;
            case ActivityResult.Faulted faulted:
                var faultedPayload = WithActivityState(context);
                Fault(nodeId, context.ExecutionId, faulted.Message, startedAt, faultedPayload.Count > 0 ? faultedPayload : null);
                break;
        }
    }
}
