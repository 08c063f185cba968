using System.Security.Claims;
using Klachten.Server.Common;
using Klachten.Server.Persistence;
using Klachten.Server.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Instances;

/// <summary>
/// Cancel, retry and delete one instance; each answers the instance as it is afterwards. A complaint follows its
/// instance: cancelling stops the procedure and the case becomes <c>Cancelled</c> in the same step (see
/// <c>ComplaintProjector</c>), and its running child instances are cancelled after it; deleting a complaint's instance is refused, because the case refers to it.
/// </summary>
internal static class ControlInstance
{
    public static async Task<IResult> CancelAsync(string id, ClaimsPrincipal user, WorkflowRuntime runtime, KlachtenDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await runtime.CancelWithChildrenAsync(id, user.Identity?.Name, cancellationToken);
        return await RespondAsync(id, outcome, "Alleen een lopende workflowinstantie kan worden geannuleerd.", db, cancellationToken);
    }

    public static async Task<IResult> RetryAsync(string id, WorkflowRuntime runtime, KlachtenDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await runtime.RetryAsync(id, cancellationToken);
        return await RespondAsync(id, outcome, "Alleen een workflowinstantie met een fout kan opnieuw worden geprobeerd.", db, cancellationToken);
    }

    /// <summary>
    /// Deletes a finished instance with its bookmarks, journal and tasks (cascade). A running one is a 409, and so is
    /// a complaint's instance in any state: the case's tasks, terms and flowchart come from it.
    /// </summary>
    public static async Task<IResult> DeleteAsync(string id, KlachtenDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            // The step lock: a step that is running now finishes before we look at the status.
            await db.LockInstanceAsync(id, cancellationToken);
            var instance = await db.WorkflowInstances.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
            if (instance is null)
            {
                return InstanceRequests.NotFound(id);
            }

            var finished = instance.Status == nameof(Workflows.Runtime.WorkflowStatus.Finished);
            var reference = await db.Complaints.AsNoTracking().Where(c => c.WorkflowInstanceId == id).Select(c => c.Reference).FirstOrDefaultAsync(cancellationToken);
            if (reference is not null)
            {
                return ProblemResponses.Conflict(finished
                    ? $"Deze workflow hoort bij klacht {reference} en kan niet worden verwijderd: het dossier van de klacht verwijst ernaar."
                    : $"Deze workflow hoort bij klacht {reference} en kan niet worden verwijderd; trek de klacht in of breek de procedure af (annuleren).");
            }

            if (!finished)
            {
                return ProblemResponses.Conflict("Alleen een afgeronde workflowinstantie kan worden verwijderd; annuleer haar eerst.");
            }

            db.WorkflowInstances.Remove(instance);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return TypedResults.NoContent();
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static async Task<IResult> RespondAsync(string id, StepOutcome outcome, string conflict, KlachtenDbContext db, CancellationToken cancellationToken)
    {
        switch (outcome.Status)
        {
            case StepStatus.NotFound:
                return InstanceRequests.NotFound(id);
            case StepStatus.AlreadyHandled or StepStatus.Rejected:
                return ProblemResponses.Conflict(conflict);
        }

        return await InstanceRequests.FindAsync(db, id, cancellationToken) is (var instance, var state)
            ? TypedResults.Json(ElsaInstanceMapper.ToDetail(instance, state))
            : InstanceRequests.NotFound(id);
    }
}
