using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Runtime;

/// <summary>Composite activities (<see cref="IContainerBehavior"/>): start, child completions, completion, Break.</summary>
internal sealed partial class WorkflowRun
{
    private const string BreakingKey = "breaking";

    private void StartContainer(ScheduledActivity item, ActivityModel activity, IContainerBehavior container)
    {
        var entry = new ActiveActivity { ActivityId = activity.Id!, NodeId = item.NodeId, ExecutionId = item.ExecutionId, Status = ActiveStatus.Running, StartedAt = now };
        state.Active.Add(entry);
        var context = NewContext(activity, item.ExecutionId, null);
        Step(entry, context, () => container.Start(context));
    }

    private void ContainerChildCompleted(string containerNodeId, string childNodeId, IReadOnlyList<string> outcomes)
    {
        // A container already completed (a Fork that had its first branch) ignores children that still finish.
        if (state.Active.FirstOrDefault(a => a.NodeId == containerNodeId && a.Status == ActiveStatus.Running) is not { } entry
            || ContainerOf(containerNodeId) is not { } container)
        {
            return;
        }

        var context = NewContext(graph.Node(containerNodeId), entry.ExecutionId, entry.Properties);
        if (context.Properties[BreakingKey]?.GetValue<bool>() == true)
        {
            // A Break passed through it: it completes instead of going on (a loop instead of its next round).
            CompleteContainer(entry, context, ["Done"]);
            return;
        }

        Step(entry, context, () => container.ChildCompleted(context, graph.Node(childNodeId), outcomes));
    }

    private void Step(ActiveActivity entry, ActivityContext context, Func<ContainerStep> next)
    {
        ContainerStep step;
        try
        {
            step = next();
        }
        catch (ExpressionException ex)
        {
            step = ContainerStep.Faulted(ex.Message);
        }

        entry.Properties = context.Properties.Count > 0 ? context.Properties : null;
        RecordOutputs(context);
        if (step.Fault is { } message)
        {
            state.Active.Remove(entry);
            CancelInside(entry.NodeId);
            var payload = WithActivityState(context);
            Fault(entry.NodeId, entry.ExecutionId, message, entry.StartedAt, payload.Count > 0 ? payload : null);
        }
        else if (step.Outcomes is { } outcomes)
        {
            CompleteContainer(entry, context, outcomes);
        }
        else
        {
            foreach (var child in step.Schedule)
            {
                Schedule(DefinitionGraph.ChildNodeIdOf(entry.NodeId, child));
            }
        }
    }

    private void CompleteContainer(ActiveActivity entry, ActivityContext? context, IReadOnlyList<string> outcomes)
    {
        CancelInside(entry.NodeId);
        state.Active.Remove(entry);
        var payload = context is null ? [] : WithActivityState(context);
        payload["outcomes"] = new JsonArray([.. outcomes.Select(o => (JsonNode?)JsonValue.Create(o))]);
        Journal(entry.NodeId, entry.ExecutionId, "Completed", null, payload);
        OnCompleted(entry.NodeId, outcomes);
    }

    /// <summary>Cancels what still runs or waits inside a container that completes.</summary>
    private void CancelInside(string containerNodeId)
    {
        CancelNodes(state.Active.Where(a => graph.IsInside(a.NodeId, containerNodeId)).Select(a => a.NodeId).ToHashSet(StringComparer.Ordinal));
        RemoveQueued(nodeId => graph.IsInside(nodeId, containerNodeId));
        state.Tokens.RemoveAll(t => graph.IsInside(t.Scope, containerNodeId));
    }

    /// <summary>
    /// Elsa's BreakSignal: every Sequence and Fork up to the nearest loop, and that loop, are marked to complete
    /// when their current child completes, instead of going on. Without a loop every enclosing one is marked.
    /// </summary>
    private void MarkBreaking(string nodeId)
    {
        for (var parent = graph.ParentOf(nodeId); parent is not null; parent = graph.ParentOf(parent))
        {
            var type = graph.Node(parent).Type;
            var loop = ContainerOf(parent) is { IsLoop: true };
            if ((loop || type is ActivityTypes.Sequence or ActivityTypes.Fork)
                && state.Active.FirstOrDefault(a => a.NodeId == parent && a.Status == ActiveStatus.Running) is { } entry)
            {
                entry.Properties ??= [];
                entry.Properties[BreakingKey] = true;
            }

            if (loop)
            {
                return;
            }
        }
    }

    /// <summary>End or Break completed: its flowchart ends (cancelling the rest), a composite parent completes, the root ends the workflow.</summary>
    private void CompleteParentOfTerminal(string nodeId)
    {
        if (graph.ParentOf(nodeId) is not { } parent)
        {
            FinishWorkflow();
        }
        else if (graph.IsFlowchart(parent))
        {
            EndFlowchart(parent);
        }
        else if (state.Active.FirstOrDefault(a => a.NodeId == parent && a.Status == ActiveStatus.Running) is { } entry)
        {
            CompleteContainer(entry, null, ["Done"]);
        }
    }

    private IContainerBehavior? ContainerOf(string nodeId) =>
        graph.Node(nodeId).Type is { } type && activities.TryGetBehavior(type, out var behavior) ? behavior as IContainerBehavior : null;

    /// <summary>Keeps an activity's outputs and writes those bound to a variable (<c>memoryReference.id</c>) into it.</summary>
    private void RecordOutputs(ActivityContext context)
    {
        if (context.Outputs.Count == 0)
        {
            return;
        }

        state.Outputs[context.Activity.Id!] = context.Outputs;
        foreach (var (name, value) in context.Outputs)
        {
            if (context.Activity.GetInput(name) is JsonObject binding && binding["memoryReference"]?["id"] is JsonValue id
                && graph.VariableNames.TryGetValue(id.ToString(), out var variable))
            {
                state.Variables[variable] = value?.DeepClone();
            }
        }
    }
}
