using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime;

/// <summary>Elsa's join modes of <c>Elsa.FlowJoin</c>; an implicit join (several inbound connections) is WaitAllActive.</summary>
internal enum JoinMode
{
    WaitAll,
    WaitAllActive,
    WaitAny,
}

/// <summary>
/// Elsa 3.8's default counter-based flowchart (<c>Flowchart.Counters.cs</c>, <c>FlowScope</c>): a completed child visits
/// each outbound connection, followed when its port is an outcome. A target waits until every forward inbound
/// connection was visited; when none was followed it is skipped and the skip travels on. Loop backs schedule at once.
/// </summary>
internal sealed partial class WorkflowRun
{
    private string? _completingJoin;

    private bool CounterBased =>
        state.Properties.TryGetValue(WorkflowEngineOptions.ExecutionModeProperty, out var mode)
        && string.Equals(mode, nameof(FlowchartExecutionMode.CounterBased), StringComparison.OrdinalIgnoreCase);

    private FlowScope FlowScopeOf(string scope) =>
        state.FlowScopes.TryGetValue(scope, out var flowScope) ? flowScope : state.FlowScopes[scope] = new FlowScope();

    private void CountedCompleted(string scope, string completedId, string executionId, IReadOnlyList<string> outcomes)
    {
        var flowScope = FlowScopeOf(scope);
        var backward = flowScope.Backward.Remove(executionId);
        if (graph.Flowchart(scope).Activity(completedId).Type == ActivityTypes.FlowJoin)
        {
            // Elsa's FlowJoin, when it runs in counter mode, cancels its inbound ancestors that still run (a branch
            // that started waiting after the join was scheduled). Their skipped connections do not schedule it again.
            _completingJoin = completedId;
            CancelInboundAncestors(scope, completedId);
            _completingJoin = null;
        }

        var scheduled = VisitOutbound(scope, completedId, outcomes, backward);
        if (!scheduled && !_faulted && state.Status == WorkflowStatus.Running && !HasPendingWork(scope))
        {
            CompleteFlowchart(scope);
        }
    }

    /// <summary>Visits the outbound connections of an activity that completed (or was skipped: no outcomes).</summary>
    private bool VisitOutbound(string scope, string activityId, IReadOnlyList<string> outcomes, bool backward)
    {
        var flow = graph.Flowchart(scope);
        var flowScope = FlowScopeOf(scope);
        if (!backward)
        {
            flowScope.VisitActivity(activityId);
        }

        var scheduled = false;
        foreach (var connection in flow.Outbound(activityId).ToList())
        {
            if (_faulted)
            {
                return true;
            }

            var port = connection.Source!.Port;
            // Elsa's default outcomes are "Done" and null: a connection without a port follows a plain completion.
            var followed = port is null ? outcomes.Contains("Done", StringComparer.Ordinal) : outcomes.Contains(port, StringComparer.Ordinal);
            flowScope.VisitConnection(connection, followed);
            var targetId = connection.Target!.Activity!;
            if (targetId == _completingJoin)
            {
                continue;
            }

            if (flow.IsBackward(connection))
            {
                scheduled |= followed && ScheduleBackward(scope, flow, connection);
            }
            else
            {
                scheduled |= JoinModeOf(flow.Activity(targetId)) switch
                {
                    JoinMode.WaitAll => WaitAll(scope, targetId, all: true),
                    JoinMode.WaitAllActive => WaitAll(scope, targetId, all: false),
                    _ => WaitAny(scope, connection, targetId),
                };
            }
        }

        return scheduled;
    }

    private bool ScheduleBackward(string scope, FlowGraph flow, ConnectionModel connection)
    {
        var sourceId = connection.Source!.Activity!;
        var targetId = connection.Target!.Activity!;
        if (!flow.IsValidBackward(connection))
        {
            Fault(graph.ChildNodeId(scope, sourceId), NewId(),
                $"Ongeldige terugkoppeling: elk pad van '{sourceId}' terug naar het begin moet langs '{targetId}' lopen.", now);
            return true;
        }

        FlowScopeOf(scope).Backward.Add(Schedule(graph.ChildNodeId(scope, targetId)));
        return true;
    }

    // WaitAll schedules when every inbound connection was followed in this round, WaitAllActive when any was.
    private bool WaitAll(string scope, string targetId, bool all)
    {
        var flowScope = FlowScopeOf(scope);
        var inbound = graph.Flowchart(scope).ForwardInbound(targetId).ToList();
        if (!flowScope.AllVisited(inbound, targetId))
        {
            return false;
        }

        var go = all ? flowScope.AllFollowed(inbound, targetId) : flowScope.AnyFollowed(inbound, targetId);
        if (!go)
        {
            return VisitOutbound(scope, targetId, [], backward: false);
        }

        Schedule(graph.ChildNodeId(scope, targetId));
        return true;
    }

    // The first followed arrival schedules the join and cancels its inbound ancestors that still run; later ones are ignored.
    private bool WaitAny(string scope, ConnectionModel connection, string targetId)
    {
        var flowScope = FlowScopeOf(scope);
        var targetNodeId = graph.ChildNodeId(scope, targetId);
        if (flowScope.Visits(connection) <= flowScope.Visits(targetId) || _queue.Any(q => q.NodeId == targetNodeId))
        {
            return false;
        }

        var inbound = graph.Flowchart(scope).ForwardInbound(targetId).ToList();
        if (flowScope.AnyFollowed(inbound, targetId))
        {
            Schedule(targetNodeId);
            CancelInboundAncestors(scope, targetId);
            return true;
        }

        return flowScope.AllVisited(inbound, targetId) && VisitOutbound(scope, targetId, [], backward: false);
    }

    /// <summary>Cancels running ancestors of a join; each one's outbound connections are then visited, not followed.</summary>
    private void CancelInboundAncestors(string scope, string targetId)
    {
        var ancestors = graph.Flowchart(scope).Ancestors(targetId);
        var running = state.Active.Where(a => graph.ParentOf(a.NodeId) == scope && ancestors.Contains(a.ActivityId)).ToList();
        if (running.Count == 0)
        {
            return;
        }

        CancelNodes(running.Select(a => a.NodeId).ToHashSet(StringComparer.Ordinal));
        foreach (var cancelled in running)
        {
            VisitOutbound(scope, cancelled.ActivityId, [], backward: FlowScopeOf(scope).Backward.Remove(cancelled.ExecutionId));
        }
    }

    private static JoinMode JoinModeOf(ActivityModel activity)
    {
        if (activity.Type != ActivityTypes.FlowJoin)
        {
            return JoinMode.WaitAllActive;
        }

        var mode = activity.GetInput("mode") switch
        {
            JsonObject o => o["expression"]?["value"]?.ToString(),
            JsonValue v => v.ToString(),
            _ => null,
        };
        // The enum's names, or its numbers (WaitAll 0, WaitAllActive 1, WaitAny 2); FlowJoin's default is WaitAny.
        return Enum.TryParse<JoinMode>(mode, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : JoinMode.WaitAny;
    }

    /// <summary>Drops the tokens and counters of a flowchart and of every flowchart inside it.</summary>
    private void ForgetFlowState(string nodeId)
    {
        state.Tokens.RemoveAll(t => t.Scope == nodeId || graph.IsInside(t.Scope, nodeId));
        foreach (var scope in state.FlowScopes.Keys.Where(k => k == nodeId || graph.IsInside(k, nodeId)).ToList())
        {
            state.FlowScopes.Remove(scope);
        }
    }
}
