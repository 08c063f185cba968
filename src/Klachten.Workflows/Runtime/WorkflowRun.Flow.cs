using System.Text.Json;
using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime;

/// <summary>Elsa's join strategies for an activity with several inbound connections.</summary>
internal enum MergeMode
{
    Stream,
    Merge,
    Converge,
    Cascade,
    Race,
}

internal sealed partial class WorkflowRun
{
    private void Schedule(string nodeId) => _queue.AddLast(new ScheduledActivity(nodeId, NewId()));

    private void OnCompleted(string nodeId, IReadOnlyList<string> outcomes)
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

        var flow = graph.Flowchart(scope);
        var tokens = state.Tokens;
        var completedId = completed.Id!;
        var active = flow.Outbound(completedId).Where(c => outcomes.Contains(c.Source!.Port!, StringComparer.Ordinal)).Distinct().ToList();
        foreach (var connection in active)
        {
            tokens.Add(new FlowToken { Scope = scope, From = completedId, Outcome = connection.Source!.Port!, To = connection.Target!.Activity! });
        }

        foreach (var token in tokens.Where(t => t.Scope == scope && t.To == completedId && t is { Consumed: false, Blocked: false }))
        {
            token.Consumed = true;
        }

        foreach (var connection in active)
        {
            var targetId = connection.Target!.Activity!;
            var targetNodeId = graph.ChildNodeId(scope, targetId);
            var mode = MergeModeOf(flow.Activity(targetId));
            switch (mode)
            {
                case MergeMode.Cascade or MergeMode.Race:
                    if (mode == MergeMode.Race)
                    {
                        CancelNodes(flow.Ancestors(targetId).Where(id => id != completedId).Select(id => graph.ChildNodeId(scope, id)).ToHashSet(StringComparer.Ordinal));
                    }

                    var blocked = tokens.FirstOrDefault(t => t.Scope == scope && t.Blocked && !t.Consumed && t.To == targetId && t.From == completedId && t.Outcome == connection.Source!.Port);
                    if (blocked is null)
                    {
                        Schedule(targetNodeId);
                        foreach (var other in flow.ForwardInbound(targetId).Where(c => c.Source!.Activity != completedId))
                        {
                            tokens.Add(new FlowToken { Scope = scope, From = other.Source!.Activity!, Outcome = other.Source.Port!, To = targetId, Blocked = true });
                        }
                    }
                    else
                    {
                        blocked.Consumed = true;
                    }

                    break;
                case MergeMode.Merge:
                    ScheduleWhenAllArrived(scope, targetId, flow.ForwardInbound(targetId).ToList());
                    break;
                case MergeMode.Converge:
                    ScheduleWhenAllArrived(scope, targetId, flow.Inbound(targetId).ToList());
                    break;
                default:
                    // Stream: go once no upstream activity still holds an unconsumed token (dead paths do not block).
                    var waiting = flow.ForwardInbound(targetId).Any(inbound =>
                        tokens.Any(t => t.Scope == scope && t is { Consumed: false, Blocked: false } && t.To == inbound.Source!.Activity));
                    if (!waiting)
                    {
                        Schedule(targetNodeId);
                    }

                    break;
            }
        }

        if (!HasPendingWork(scope))
        {
            tokens.RemoveAll(t => t.Scope == scope);
            CompleteFlowchart(scope);
            return;
        }

        tokens.RemoveAll(t => t.Scope == scope && t.To == completedId && t.Consumed);
    }

    private void ScheduleWhenAllArrived(string scope, string targetId, List<ConnectionModel> inbound)
    {
        if (inbound.Count <= 1 || inbound.All(c => state.Tokens.Any(t => t.Scope == scope && t is { Consumed: false, Blocked: false }
                && t.From == c.Source!.Activity && t.To == targetId && t.Outcome == c.Source.Port)))
        {
            Schedule(graph.ChildNodeId(scope, targetId));
        }
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
        state.Tokens.RemoveAll(t => t.Scope == scope || graph.IsInside(t.Scope, scope));
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
        OnCompleted(scope, ["Done"]);
    }

    private static MergeMode MergeModeOf(ActivityModel activity)
    {
        if (activity.Type == ActivityTypes.FlowJoin)
        {
            // Elsa maps the FlowJoin mode onto merge modes: WaitAny races, WaitAll merges activated branches.
            var mode = activity.GetInput("mode") switch
            {
                JsonObject o => o["expression"]?["value"]?.ToString(),
                JsonValue v => v.ToString(),
                _ => null,
            };
            return string.Equals(mode, "WaitAll", StringComparison.OrdinalIgnoreCase) || mode == "1" ? MergeMode.Merge : MergeMode.Race;
        }

        var custom = activity.CustomProperties?["mergeMode"];
        return custom is not null && custom.GetValueKind() == JsonValueKind.String
            && Enum.TryParse<MergeMode>(custom.GetValue<string>(), ignoreCase: true, out var parsed)
            ? parsed
            : MergeMode.Stream;
    }

    private void FinishWorkflow()
    {
        CancelNodes(state.Active.Where(a => a.Status != ActiveStatus.Faulted).Select(a => a.NodeId).ToHashSet(StringComparer.Ordinal));
        _queue.Clear();
        state.Tokens.Clear();
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
