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

internal sealed partial class WorkflowRun
{
    private void Schedule(string activityId) => _queue.AddLast(new ScheduledActivity(activityId, NewId()));

    private void OnCompleted(ActivityModel completed, IReadOnlyList<string> outcomes)
    {
        var tokens = state.Tokens;
        if (completed.Type is { } type && (type == ActivityTypes.Finish || type == ActivityTypes.End))
        {
            // A terminal node completes the flowchart, and with it the workflow; other branches are cancelled.
            tokens.Clear();
            FinishWorkflow();
            return;
        }

        var active = graph.Outbound(completed.Id!).Where(c => outcomes.Contains(c.Source!.Port!, StringComparer.Ordinal)).Distinct().ToList();
        foreach (var connection in active)
        {
            tokens.Add(new FlowToken { From = completed.Id!, Outcome = connection.Source!.Port!, To = connection.Target!.Activity! });
        }

        foreach (var token in tokens.Where(t => t.To == completed.Id && t is { Consumed: false, Blocked: false }))
        {
            token.Consumed = true;
        }

        foreach (var connection in active)
        {
            var targetId = connection.Target!.Activity!;
            var mode = MergeModeOf(graph.Activity(targetId));
            switch (mode)
            {
                case MergeMode.Cascade or MergeMode.Race:
                    if (mode == MergeMode.Race)
                    {
                        CancelActivities(graph.Ancestors(targetId).Where(id => id != completed.Id).ToHashSet(StringComparer.Ordinal));
                    }

                    var blocked = tokens.FirstOrDefault(t => t.Blocked && !t.Consumed && t.To == targetId && t.From == completed.Id && t.Outcome == connection.Source!.Port);
                    if (blocked is null)
                    {
                        Schedule(targetId);
                        foreach (var other in graph.ForwardInbound(targetId).Where(c => c.Source!.Activity != completed.Id))
                        {
                            tokens.Add(new FlowToken { From = other.Source!.Activity!, Outcome = other.Source.Port!, To = targetId, Blocked = true });
                        }
                    }
                    else
                    {
                        blocked.Consumed = true;
                    }

                    break;
                case MergeMode.Merge:
                    ScheduleWhenAllArrived(targetId, graph.ForwardInbound(targetId).ToList());
                    break;
                case MergeMode.Converge:
                    ScheduleWhenAllArrived(targetId, graph.Inbound(targetId).ToList());
                    break;
                default:
                    // Stream: go once no upstream activity still holds an unconsumed token (dead paths do not block).
                    var waiting = graph.ForwardInbound(targetId).Any(inbound =>
                        tokens.Any(t => t is { Consumed: false, Blocked: false } && t.To == inbound.Source!.Activity));
                    if (!waiting)
                    {
                        Schedule(targetId);
                    }

                    break;
            }
        }

        if (!HasPendingWork())
        {
            tokens.Clear();
            FinishWorkflow();
            return;
        }

        tokens.RemoveAll(t => t.To == completed.Id && t.Consumed);
    }

    private void ScheduleWhenAllArrived(string targetId, List<ConnectionModel> inbound)
    {
        if (inbound.Count <= 1 || inbound.All(c => state.Tokens.Any(t => t is { Consumed: false, Blocked: false }
                && t.From == c.Source!.Activity && t.To == targetId && t.Outcome == c.Source.Port)))
        {
            Schedule(targetId);
        }
    }

    // Elsa: running children, scheduled work or unconsumed tokens keep a flowchart open.
    private bool HasPendingWork() =>
        _queue.Count > 0 || state.Active.Count > 0 || state.Tokens.Any(t => t is { Consumed: false, Blocked: false });

    private static MergeMode MergeModeOf(ActivityModel activity)
    {
        if (activity.Type == ActivityTypes.FlowJoin)
        {
            // Elsa maps the FlowJoin mode onto merge modes: WaitAny races, WaitAll merges activated branches.
            var mode = activity.GetInput("mode") switch
            {
                System.Text.Json.Nodes.JsonObject o => o["expression"]?["value"]?.ToString(),
                System.Text.Json.Nodes.JsonValue v => v.ToString(),
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
        CancelActivities(state.Active.Where(a => a.Status == ActiveStatus.Suspended).Select(a => a.ActivityId).ToHashSet(StringComparer.Ordinal));
        _queue.Clear();
        state.Status = WorkflowStatus.Finished;
        state.SubStatus = WorkflowSubStatus.Finished;
        state.FinishedAt = now;
    }

    /// <summary>Cancels waiting executions of the given activities: bookmarks go, tasks are withdrawn, tokens removed.</summary>
    private void CancelActivities(HashSet<string> activityIds)
    {
        foreach (var active in state.Active.Where(a => activityIds.Contains(a.ActivityId)).ToList())
        {
            var activity = graph.Activity(active.ActivityId);
            var bookmarks = state.Bookmarks.Where(b => b.ExecutionId == active.ExecutionId).ToList();
            Behavior(activity).Cancel(NewContext(activity, active.ExecutionId, active.Properties), bookmarks);
            state.Bookmarks.RemoveAll(b => b.ExecutionId == active.ExecutionId);
            state.Active.Remove(active);
            state.Tokens.RemoveAll(t => t.From == active.ActivityId || t.To == active.ActivityId);
            Journal(activity, active.ExecutionId, "Cancelled", null, null);
        }

        for (var node = _queue.First; node is not null;)
        {
            var next = node.Next;
            if (activityIds.Contains(node.Value.ActivityId))
            {
                _queue.Remove(node);
            }

            node = next;
        }
    }
}
