using System.Security.Claims;
using System.Text.Json.Nodes;
using Klachten.Server.Common;
using Klachten.Server.Persistence;
using Klachten.Server.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Tasks;

/// <summary>
/// <c>POST /api/tasks/{id}/complete</c>: records the decision and resumes the workflow in one transaction. Whatever
/// can be checked without the instance lock is checked first; the guard then re-reads the task under the lock, so of
/// two simultaneous completions exactly one wins and the workflow moves on once.
/// </summary>
internal static class CompleteTask
{
    public static async Task<IResult> HandleAsync(
        string id,
        HttpRequest request,
        ClaimsPrincipal user,
        KlachtenDbContext db,
        WorkflowRuntime runtime,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (body, error) = await CompleteTaskRequest.ReadAsync(request, cancellationToken);
        return error ?? (await CompleteAsync(id, body!, user, db, runtime, clock, cancellationToken)).ToHttp(v => TypedResults.Ok(v));
    }

    /// <summary>The completion itself, for a parsed body; the staff web app's form calls this too.</summary>
    public static async Task<Result<TaskResponse>> CompleteAsync(
        string id,
        CompleteTaskRequest body,
        ClaimsPrincipal user,
        KlachtenDbContext db,
        WorkflowRuntime runtime,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var task = await db.HumanTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null)
        {
            return TaskProblems.UnknownTask(id);
        }

        if (TaskAccess.Denial(user, task) is { } denial)
        {
            return TaskProblems.Forbidden(denial);
        }

        var userName = user.UserName();
        if (Check(task, body, userName) is { } problem)
        {
            return problem;
        }

        Refusal? rejection = null;
        HumanTaskEntity? completed = null;
        var step = await runtime.ResumeAsync(task.BookmarkId, ResumeInput(body, userName), async _ =>
        {
            var current = await db.HumanTasks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
            rejection = current is null ? Refusal.Conflict(TaskProblems.ChangedByOther) : Check(current, body, userName);
            if (rejection is not null)
            {
                return "De taak kan niet worden afgerond.";
            }

            MarkCompleted(current!, body, userName, clock.GetUtcNow());
            completed = current;
            return null;
        }, cancellationToken);

        return step.Status switch
        {
            StepStatus.Done => await TaskResponse.WithComplaintAsync(completed!, db, clock.GetUtcNow(), cancellationToken),
            StepStatus.Rejected when rejection is not null => rejection,

            // The bookmark is gone or the instance moved on: someone else finished the task first.
            _ => Refusal.Conflict(TaskProblems.ChangedByOther),
        };
    }

    /// <summary>409 when the task is no longer what the caller saw, 400 for an outcome or data the task does not accept.</summary>
    private static Refusal? Check(HumanTaskEntity task, CompleteTaskRequest request, string userName)
    {
        if (task.Status != HumanTaskStatus.Open || task.Version != request.Version)
        {
            return Refusal.Conflict(TaskProblems.ChangedByOther);
        }

        if (task.Assignee is not null && task.Assignee != userName)
        {
            return Refusal.Conflict($"Deze taak is opgepakt door {task.Assignee}; alleen die kan haar afronden.");
        }

        if (TaskResponse.RefusedOutcomesOf(task).TryGetValue(request.Outcome, out var reason))
        {
            return Refusal.Conflict(reason);
        }

        var errors = new Dictionary<string, string[]>();
        var outcomes = TaskResponse.OutcomesOf(task);
        if (!outcomes.Contains(request.Outcome, StringComparer.Ordinal))
        {
            errors["outcome"] = [$"Deze taak kent de uitkomst '{request.Outcome}' niet; kies uit: {string.Join(", ", outcomes)}."];
        }

        foreach (var field in TaskResponse.RequiredFieldsOf(task).Where(f => IsMissing(request.Data[f])))
        {
            errors[$"data.{field}"] = [$"Vul '{Complaints.DutchLabels.TaskField(field)}' in; dat is verplicht bij het afronden van deze taak."];
        }

        return errors.Count > 0 ? Refusal.Invalid(errors) : null;
    }

    private static bool IsMissing(JsonNode? value) =>
        value is null || (value is JsonValue v && v.TryGetValue<string>(out var text) && string.IsNullOrWhiteSpace(text));

    // Comment and data are stored with the task only; the workflow branches on the outcome.
    private static JsonObject ResumeInput(CompleteTaskRequest request, string userName) => new()
    {
        ["outcome"] = request.Outcome,
        ["completedBy"] = userName,
    };

    private static void MarkCompleted(HumanTaskEntity task, CompleteTaskRequest request, string userName, DateTimeOffset now)
    {
        task.Status = HumanTaskStatus.Completed;
        task.Assignee ??= userName;
        task.Outcome = request.Outcome;
        task.Comment = request.Comment;
        task.DataJson = request.Data.ToJsonString();
        task.CompletedBy = userName;
        task.CompletedAt = now;
        task.Version++;
    }
}
