using System.Text.Json.Nodes;
using Klachten.Contracts;
using Klachten.Server.Features.Definitions;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Runtime;

/// <summary>
/// Child instances (Elsa's ExecuteWorkflow and DispatchWorkflow). ExecuteWorkflow's child starts and runs in the
/// parent's transaction; when the parent need not wait, or the child finished at once, the parent continues in the
/// same step with Elsa's <c>ExecuteWorkflowResult</c>. DispatchWorkflow's child is a <see cref="StartChildWorkflow"/>
/// in the outbox, started by the server's own consumer after the commit. A child the parent waits for and that
/// finishes in a later step resumes the parent's bookmark with its output in that same transaction (child lock, then
/// parent lock: no step takes them the other way round), so neither a crash nor a race loses the resumption.
/// </summary>
internal sealed partial class WorkflowRuntime
{
    // Deeper ExecuteWorkflow chains are dispatched instead, so a workflow that runs itself cannot exhaust the stack.
    private const int MaxNestedDepth = 16;
    private readonly List<RunResult> _nested = [];
    private int _depth;

    /// <summary>Starts the children the step asked for and continues the parent where it need not wait for them.</summary>
    private async Task<RunResult> RunChildrenAsync(WorkflowDefinitionModel definition, RunResult result, CancellationToken cancellationToken)
    {
        var requests = new Queue<ChildWorkflowRequested>(result.Effects.OfType<ChildWorkflowRequested>());
        if (requests.Count == 0)
        {
            return result;
        }

        var journal = result.Journal.ToList();
        var effects = result.Effects.ToList();
        while (requests.TryDequeue(out var request))
        {
            var (resumeNow, input) = await StartChildAsync(request, cancellationToken);
            if (!resumeNow || engine.Resume(definition, result.State, request.BookmarkId, input) is not { } resumed)
            {
                continue;
            }

            journal.AddRange(resumed.Journal);
            effects.AddRange(resumed.Effects);
            foreach (var next in resumed.Effects.OfType<ChildWorkflowRequested>())
            {
                requests.Enqueue(next);
            }
        }

        return new RunResult(result.State, journal, effects);
    }

    /// <summary>Whether the parent continues now, and with what (a result, nothing, or a fault).</summary>
    private async Task<(bool ResumeNow, JsonObject? Input)> StartChildAsync(ChildWorkflowRequested request, CancellationToken cancellationToken)
    {
        var missing = ChildWorkflowFault.Input($"Workflow '{request.DefinitionId}' heeft geen gepubliceerde versie.");
        if (request.Dispatch || _depth >= MaxNestedDepth)
        {
            if (await db.FindVersionAsync(request.DefinitionId, new VersionOptions(VersionSelector.Published), cancellationToken) is null)
            {
                return (true, missing);
            }

            var messageId = Guid.Parse(request.InstanceId).ToString();
            outbox.Add(messageId, new StartChildWorkflow(messageId, request.InstanceId, request.DefinitionId, request.Input.ToJsonString(), request.CorrelationId,
                request.ParentInstanceId, request.WaitForCompletion ? request.BookmarkId : null), request.ParentInstanceId);
            return (!request.WaitForCompletion, null);
        }

        _depth++;
        try
        {
            var parent = new ParentLink(request.ParentInstanceId, request.WaitForCompletion ? request.BookmarkId : null);
            var child = await StartCoreAsync(request.DefinitionId, request.Input.DeepClone().AsObject(), request.CorrelationId, request.InstanceId, null, null, parent, cancellationToken);
            if (child is null)
            {
                return (true, missing);
            }

            _nested.Add(child);
            return !request.WaitForCompletion || child.State.Status == WorkflowStatus.Finished ? (true, ExecuteWorkflowResult(child.State)) : (false, null);
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>A finished child its parent waits for resumes the parent's bookmark with its output, in this transaction.</summary>
    private async Task ResumeParentAsync(WorkflowState child, CancellationToken cancellationToken)
    {
        if (child is not { Status: WorkflowStatus.Finished, ParentInstanceId: { } parentId, ParentBookmarkId: { } bookmarkId })
        {
            return;
        }

        var (_, resumed) = await StepWithinAsync(parentId, (definition, state) => engine.Resume(definition, state, bookmarkId, child.Output.DeepClone().AsObject()), null, null, cancellationToken);
        if (resumed is not null)
        {
            _nested.Add(resumed);
        }
    }

    /// <summary>
    /// Cancels an instance and then its running children and theirs (Elsa's WorkflowCancellationService), each in a
    /// step of its own: a parent lock is never held while a child's is awaited, which would be the reverse of the
    /// order in which a finishing child takes them.
    /// </summary>
    public async Task<StepOutcome> CancelWithChildrenAsync(string instanceId, string? cancelledBy, CancellationToken cancellationToken)
    {
        var outcome = await CancelAsync(instanceId, cancelledBy, cancellationToken);
        if (outcome.Status == StepStatus.Done)
        {
            await CancelChildrenAsync(instanceId, cancelledBy, 0, cancellationToken);
        }

        return outcome;
    }

    private async Task CancelChildrenAsync(string parentId, string? cancelledBy, int depth, CancellationToken cancellationToken)
    {
        if (depth >= MaxNestedDepth * 4)
        {
            return;
        }

        // The parent lives in the state JSON (no column): a text match on running instances finds the children.
        var marker = $"\"parentInstanceId\":\"{parentId}\"";
        var running = nameof(WorkflowStatus.Running);
        var children = await db.WorkflowInstances.AsNoTracking().Where(i => i.Status == running && i.StateJson.Contains(marker))
            .Select(i => i.Id).ToListAsync(cancellationToken);
        foreach (var child in children)
        {
            await CancelAsync(child, cancelledBy, cancellationToken);
            await CancelChildrenAsync(child, cancelledBy, depth + 1, cancellationToken);
        }
    }

    // Elsa's ExecuteWorkflowResult as a variable holds it (getChildResult().output.Result).
    private static JsonObject ExecuteWorkflowResult(WorkflowState child) => new()
    {
        ["workflowDefinitionVersionId"] = child.DefinitionVersionId,
        ["workflowInstanceId"] = child.Id,
        ["correlationId"] = child.CorrelationId,
        ["status"] = child.Status.ToString(),
        ["subStatus"] = child.SubStatus.ToString(),
        ["output"] = child.Output.DeepClone(),
    };
}
