using Klachten.Server.Hosting;
using Klachten.Server.Persistence;
using Klachten.Server.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Instances;

/// <summary>Cancel, retry and delete one instance; each answers the instance as it is afterwards.</summary>
internal static class ControlInstance
{
    public static async Task<IResult> CancelAsync(string id, WorkflowRuntime runtime, KlachtenDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await runtime.CancelAsync(id, cancellationToken);
        return await RespondAsync(id, outcome, "Alleen een lopende workflowinstantie kan worden geannuleerd.", db, cancellationToken);
    }

    public static async Task<IResult> RetryAsync(string id, WorkflowRuntime runtime, KlachtenDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await runtime.RetryAsync(id, cancellationToken);
        return await RespondAsync(id, outcome, "Alleen een workflowinstantie met een fout kan opnieuw worden geprobeerd.", db, cancellationToken);
    }

    /// <summary>Deletes a finished instance with its bookmarks, journal and tasks (cascade); a running one is a 409.</summary>
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

            if (instance.Status != nameof(Workflows.Runtime.WorkflowStatus.Finished))
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
