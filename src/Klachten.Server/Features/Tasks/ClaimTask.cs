using System.Security.Claims;
using Klachten.Server.Common;
using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Tasks;

/// <summary>
/// <c>POST /api/tasks/{id}/claim</c>: the caller takes the task. Claiming one's own task again changes nothing;
/// a task someone else holds, or one that is no longer open, is a 409. The version goes up, so a completion based on
/// what the task looked like before the claim is stale.
/// </summary>
internal static class ClaimTask
{
    public static async Task<IResult> HandleAsync(string id, ClaimsPrincipal user, KlachtenDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        (await ClaimAsync(id, user, db, clock, cancellationToken)).ToHttp(v => TypedResults.Ok(v));

    /// <summary>The claim itself; the task page calls this too.</summary>
    public static async Task<Result<TaskResponse>> ClaimAsync(string id, ClaimsPrincipal user, KlachtenDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var task = await db.HumanTasks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null)
        {
            return TaskProblems.UnknownTask(id);
        }

        if (TaskAccess.Denial(user, task) is { } denial)
        {
            return TaskProblems.Forbidden(denial);
        }

        if (task.Status != HumanTaskStatus.Open)
        {
            return Refusal.Conflict("Deze taak is niet meer open en kan niet worden opgepakt.");
        }

        var userName = user.UserName();
        if (task.Assignee == userName)
        {
            return await TaskResponse.WithComplaintAsync(task, db, clock.GetUtcNow(), cancellationToken);
        }

        if (task.Assignee is not null)
        {
            return Refusal.Conflict($"Deze taak is al opgepakt door {task.Assignee}.");
        }

        task.Assignee = userName;
        task.Version++;
        try
        {
            // The version is a concurrency token: a claim or completion that got there first makes this one fail.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refusal.Conflict(TaskProblems.ChangedByOther);
        }

        return await TaskResponse.WithComplaintAsync(task, db, clock.GetUtcNow(), cancellationToken);
    }
}
