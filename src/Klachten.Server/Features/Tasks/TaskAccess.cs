using System.Security.Claims;
using Klachten.Server.Persistence;

namespace Klachten.Server.Features.Tasks;

/// <summary>Who may act on (claim, complete) a task. A denial is answered with 403.</summary>
internal static class TaskAccess
{
    public static string UserName(this ClaimsPrincipal user) => user.Identity?.Name ?? string.Empty;

    public static List<string> RoleNames(this ClaimsPrincipal user) =>
        [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value).Distinct(StringComparer.Ordinal)];

    public static bool IsExcluded(ClaimsPrincipal user, HumanTaskEntity task) =>
        task.ExcludedUsers is { Length: > 0 } excluded && excluded.Split(',').Contains(user.UserName(), StringComparer.Ordinal);

    /// <summary>The Dutch reason the user may not act on the task, or null when they may.</summary>
    public static string? Denial(ClaimsPrincipal user, HumanTaskEntity task)
    {
        if (!user.IsInRole(task.Role))
        {
            return $"Deze taak is voor de rol '{Complaints.DutchLabels.RoleInSentence(task.Role)}'; die rol heeft u niet.";
        }

        // The concerned employee and manager of the task's complaint never act on its director or committee tasks.
        if (IsExcluded(user, task))
        {
            return "U bent betrokken bij deze klacht en mag deze taak daarom niet behandelen.";
        }

        return null;
    }
}
