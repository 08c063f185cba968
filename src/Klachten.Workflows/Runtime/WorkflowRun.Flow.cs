using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime;

internal sealed partial class WorkflowRun
{
    private string Schedule(string nodeId)
    {
        var executionId = NewId();
        _queue.AddLast(new ScheduledActivity(nodeId, executionId));
        return executionId;
    }

    private void OnCompleted(string nodeId, string executionId, IReadOnlyList<string> outcomes)
    {
        var completed = graph.Node(nodeId);
        if (completed.Type == ActivityTypes.Finish)
        {
            // Finish ends the whole workflow from any depth.
            FinishWorkflow();
            return;
        }

        if (completed.Type is ActivityTypes.End or ActivityTypes.Break)
        {
            // Terminal nodes complete their own container at once (Elsa's ITerminalNode); at the root, the workflow.
            CompleteParentOfTerminal(nodeId);
            return;
        }

        if (graph.ParentOf(nodeId) is not { } scope)
        {
            // The root completed (a composite root; a root flowchart completes in CompleteFlowchart).
            FinishWorkflow();
            return;
        }

        if (!graph.IsFlowchart(scope))
        {
            ContainerChildCompleted(scope, nodeId, outcomes);
            return;
        }

        if (CounterBased)
        {
            CountedCompleted(scope, completed.Id!, executionId, outcomes);
            return;
        }

        TokenCompleted(scope, completed.Id!, outcomes);
    }

    // Elsa: running children, scheduled work or unconsumed tokens keep a flowchart open.
    private bool HasPendingWork(string scope) =>
        _queue.Any(q => graph.ParentOf(q.NodeId) == scope)
        || state.Active.Any(a => graph.ParentOf(a.NodeId) == scope)
        || state.Tokens.Any(t => t.Scope == scope && t is { Consumed: false, Blocked: false });

    private void EndFlowchart(string scope)
    {
        CancelNodes(state.Active.Where(a => graph.IsInside(a.NodeId, scope)).Select(a => a.NodeId).ToHashSet(StringComparer.Ordinal));
        RemoveQueued(nodeId => graph.IsInside(nodeId, scope));
        ForgetFlowState(scope);
        CompleteFlowchart(scope);
    }

    private void CompleteFlowchart(string scope)
    {
        if (scope == graph.RootNodeId)
        {
            FinishWorkflow();
            return;
        }

        var flowchart = state.Active.First(a => a.NodeId == scope);
        state.Active.Remove(flowchart);
        Journal(scope, flowchart.ExecutionId, "Completed", null, new JsonObject { ["outcomes"] = new JsonArray("Done") });
        state.FlowScopes.Remove(scope);
        OnCompleted(scope, flowchart.ExecutionId, ["Done"]);
    }

    private void FinishWorkflow()
    {
        CancelNodes(state.Active.Where(a => a.Status != ActiveStatus.Faulted).Select(a => a.NodeId).ToHashSet(StringComparer.Ordinal));
        _queue.Clear();
        state.Tokens.Clear();
        state.FlowScopes.Clear();
        state.Status = WorkflowStatus.Finished;
        state.SubStatus = WorkflowSubStatus.Finished;
        state.FinishedAt = now;
    }

    /// <summary>Cancels waiting executions (and everything inside cancelled flowcharts): bookmarks go, tasks are withdrawn, tokens removed.</summary>
    private void CancelNodes(HashSet<string> nodeIds)
    {
        foreach (var active in state.Active.Where(a => nodeIds.Contains(a.NodeId) || nodeIds.Any(n => graph.IsInside(a.NodeId, n))).ToList())
        {
            var activity = graph.Node(active.NodeId);
            var bookmarks = state.Bookmarks.Where(b => b.ExecutionId == active.ExecutionId).ToList();
            if (!activity.IsFlowchart)
            {
                Behavior(activity).Cancel(NewContext(activity, active.ExecutionId, active.Properties), bookmarks);
            }

            state.Bookmarks.RemoveAll(b => b.ExecutionId == active.ExecutionId);
            state.Active.Remove(active);
            var scope = graph.ParentOf(active.NodeId);
            state.Tokens.RemoveAll(t => (t.Scope == scope && (t.From == active.ActivityId || t.To == active.ActivityId)) || t.Scope == active.NodeId);
            state.FlowScopes.Remove(active.NodeId);
            Journal(active.NodeId, active.ExecutionId, "Canceled", null, null);
        }

        // Elsa cancels only started activities; queued ones still run (and meet the race's blocked token).
        RemoveQueued(nodeId => nodeIds.Any(n => graph.IsInside(nodeId, n)));
    }

    private void RemoveQueued(Func<string, bool> predicate)
    {
        for (var node = _queue.First; node is not null;)
        {
            var next = node.Next;
            if (predicate(node.Value.NodeId))
            {
                _queue.Remove(node);
            }

            node = next;
        }
    }
}
