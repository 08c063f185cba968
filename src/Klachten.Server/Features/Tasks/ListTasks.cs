using System.Security.Claims;
using Klachten.Server.Common;
using Klachten.Server.Features.Auth;
using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Tasks;

/// <summary>
/// <c>GET /api/tasks?scope=mine|role|all&amp;status=Open|Completed</c>: <c>mine</c> is what the caller holds,
/// <c>role</c> the tasks of the caller's roles (held or not), <c>all</c> both together (a beheerder sees every task).
/// Ordered by expiry (tasks without a term last), then by creation.
/// </summary>
internal static class ListTasks
{
    private static readonly string[] Scopes = ["mine", "role", "all"];
    private static readonly string[] Statuses = [nameof(HumanTaskStatus.Open), nameof(HumanTaskStatus.Completed)];

    public static async Task<IResult> HandleAsync(string? scope, string? status, ClaimsPrincipal user, KlachtenDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var scopeValue = Pick(scope, "role", Scopes, "scope", "mine, role of all", errors);
        var statusValue = Pick(status, nameof(HumanTaskStatus.Open), Statuses, "status", "Open of Completed", errors);
        if (errors.Count > 0)
        {
            return ProblemResponses.Validation(errors);
        }

        return TypedResults.Ok(await QueryAsync(scopeValue!, Enum.Parse<HumanTaskStatus>(statusValue!), user, db, clock, cancellationToken));
    }

    /// <summary>The tasks of a validated scope and status, as the API lists them (the staff web app's inbox too).</summary>
    public static async Task<List<TaskResponse>> QueryAsync(string scopeValue, HumanTaskStatus statusValue, ClaimsPrincipal user, KlachtenDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var query = Filter(db.HumanTasks.AsNoTracking().Where(t => t.Status == statusValue), scopeValue, user);
        var tasks = await query
            .OrderBy(t => t.ExpiresAt == null)
            .ThenBy(t => t.ExpiresAt)
            .ThenBy(t => t.CreatedAt)
            .ThenBy(t => t.Id)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var instanceIds = tasks.Select(t => t.InstanceId).Distinct().ToList();
        var complaints = await db.Complaints.AsNoTracking().Where(c => c.WorkflowInstanceId != null && instanceIds.Contains(c.WorkflowInstanceId))
            .Select(c => new { c.WorkflowInstanceId, c.Id, c.Reference })
            .ToDictionaryAsync(c => c.WorkflowInstanceId!, c => (c.Id, c.Reference), cancellationToken);
        return tasks.Where(t => !TaskAccess.IsExcluded(user, t))
            .Select(t => TaskResponse.From(t, now, complaints.TryGetValue(t.InstanceId, out var c) ? c : null)).ToList();
    }

    private static IQueryable<HumanTaskEntity> Filter(IQueryable<HumanTaskEntity> tasks, string scope, ClaimsPrincipal user)
    {
        var userName = user.UserName();
        var roles = user.RoleNames();
        return scope switch
        {
            "mine" => tasks.Where(t => t.Assignee == userName),
            "role" => tasks.Where(t => roles.Contains(t.Role)),
            _ when user.IsInRole(Roles.Beheerder) => tasks,
            _ => tasks.Where(t => roles.Contains(t.Role) || t.Assignee == userName),
        };
    }

    // Case-insensitive on input, canonical spelling out; a missing value takes the default.
    private static string? Pick(string? value, string fallback, string[] allowed, string field, string hint, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        var match = allowed.FirstOrDefault(a => string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            errors[field] = [$"Onbekende waarde '{value}'; gebruik {hint}."];
        }

        return match;
    }
}
