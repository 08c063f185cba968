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
                foreach (var tag in step.Tags?.Select(t => (string?)t) ?? [null])
                {
                    Schedule(DefinitionGraph.WithTag(DefinitionGraph.ChildNodeIdOf(entry.NodeId, child), tag));
                }
            }

            // It stays Running: a cancel finds its bookmarks by execution id, a resume comes back through Resumed.
            foreach (var request in step.Bookmarks)
            {
                state.Bookmarks.Add(NewBookmark(context.Activity, entry.NodeId, entry.ExecutionId, request));
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
        OnCompleted(entry.NodeId, entry.ExecutionId, outcomes);
    }

    /// <summary>Cancels what still runs or waits inside a container that completes.</summary>
    private void CancelInside(string containerNodeId)
    {
        CancelNodes(state.Active.Where(a => graph.IsInside(a.NodeId, containerNodeId)).Select(a => a.NodeId).ToHashSet(StringComparer.Ordinal));
        RemoveQueued(nodeId => graph.IsInside(nodeId, containerNodeId));
        ForgetFlowState(containerNodeId);
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

    private IContainerBehavior? ContainerOf(string nodeId) => BehaviorOrNull(graph.Node(nodeId)) as IContainerBehavior;

    /// <summary>
    /// Inside a workflow used as an activity, <c>getInput</c> reads that activity's inputs and SetOutput writes its
    /// outputs; elsewhere they are the instance's input and output.
    /// </summary>
    private (JsonObject? Input, JsonObject Output) WorkflowScope(ActivityModel activity)
    {
        if (activity.NodeId is { } nodeId && graph.Contains(nodeId) && NearestWorkflowActivity(nodeId) is { } entry)
        {
            entry.Properties ??= [];
            var output = entry.Properties[WorkflowActivityBehavior.OutputKey] as JsonObject ?? [];
            entry.Properties[WorkflowActivityBehavior.OutputKey] = output;
            return (entry.Properties[WorkflowActivityBehavior.InputKey] as JsonObject ?? [], output);
        }

        return (null, state.Output);
    }

    private ActiveActivity? NearestWorkflowActivity(string nodeId)
    {
        for (var parent = graph.ParentOf(nodeId); parent is not null; parent = graph.ParentOf(parent))
        {
            if (graph.Node(parent).IsWorkflowActivity)
            {
                return state.Active.FirstOrDefault(a => a.NodeId == parent && a.Status == ActiveStatus.Running);
            }
        }

        return null;
    }

    /// <summary>Elsa's Complete: the nearest workflow used as an activity completes with the outcomes; at the top, the workflow.</summary>
    private void CompleteComposite(string nodeId, IReadOnlyList<string> outcomes)
    {
        if (NearestWorkflowActivity(nodeId) is not { } entry)
        {
            FinishWorkflow();
            return;
        }

        var context = NewContext(graph.Node(entry.NodeId), entry.ExecutionId, entry.Properties);
        WorkflowActivityBehavior.Publish(context);
        RecordOutputs(context);
        CompleteContainer(entry, context, outcomes);
    }

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
            var binding = context.Activity.GetInput(name) ?? context.Activity.GetInput(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name));
            if (binding is JsonObject && binding["memoryReference"]?["id"] is JsonValue id
                && graph.VariableNames.TryGetValue(id.ToString(), out var variable))
            {
                state.Variables[variable] = value?.DeepClone();
            }
        }
    }
}
