using System.Text.Json;
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

/// <summary>Elsa's token-based flowchart (<c>Flowchart.Tokens.cs</c>), selected per instance or by the engine options.</summary>
internal sealed partial class WorkflowRun
{
    private void TokenCompleted(string scope, string completedId, IReadOnlyList<string> outcomes)
    {
        var flow = graph.Flowchart(scope);
        var tokens = state.Tokens;
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

    private static MergeMode MergeModeOf(ActivityModel activity)
    {
        if (activity.Type == ActivityTypes.FlowJoin)
        {
            // Elsa maps the FlowJoin mode onto merge modes: WaitAny races, WaitAll and WaitAllActive merge.
            return JoinModeOf(activity) == JoinMode.WaitAny ? MergeMode.Race : MergeMode.Merge;
        }

        var custom = activity.CustomProperties?["mergeMode"];
        return custom is not null && custom.GetValueKind() == JsonValueKind.String
            && Enum.TryParse<MergeMode>(custom.GetValue<string>(), ignoreCase: true, out var parsed)
            ? parsed
            : MergeMode.Stream;
    }
}
