using System.Security.Claims;
using Klachten.Contracts;
using Klachten.Server.Features.Auth;
using Klachten.Server.Features.Complaints;
using Klachten.Server.Features.Tasks;
using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Web;

/// <summary>The director's overview: open cases by status, terms due this week, overruns, and the annual figures.</summary>
internal sealed record Overview(
    IReadOnlyList<(ComplaintStatus Status, int Count)> OpenByStatus,
    IReadOnlyList<TaskResponse> DueThisWeek,
    IReadOnlyList<TaskResponse> Overdue,
    int OverrunsThisYear,
    DateOnly WeekStart,
    DateOnly WeekEnd,
    AnnualFigures Figures)
{
    public static async Task<Overview> LoadAsync(int year, ClaimsPrincipal user, KlachtenDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = AmsterdamTime.Today(now);
        var name = user.Identity?.Name;
        var complaints = await db.Complaints.AsNoTracking()
            .Where(c => c.ConcernedEmployee != name && c.Manager != name)
            .GroupJoin(db.WorkflowInstances.AsNoTracking(), c => c.WorkflowInstanceId, i => i.Id, (c, i) => new { c, i })
            .SelectMany(x => x.i.DefaultIfEmpty(), (x, i) => new { x.c.Id, x.c.Category, x.c.Status, x.c.ReceivedOn, x.c.WorkflowInstanceId, FinishedAt = i == null ? null : i.FinishedAt })
            .ToListAsync(cancellationToken);
        var instanceIds = complaints.Select(c => c.WorkflowInstanceId).OfType<string>().ToList();
        var tasks = await db.HumanTasks.AsNoTracking().Where(t => instanceIds.Contains(t.InstanceId)).ToListAsync(cancellationToken);
        var caseOf = complaints.Where(c => c.WorkflowInstanceId is not null).ToDictionary(c => c.WorkflowInstanceId!, c => c.Id, StringComparer.Ordinal);
        var advice = tasks.Where(t => t is { Role: Roles.Klachtencommissie, Status: HumanTaskStatus.Completed } && t.Outcome != "Verlengen")
            .GroupBy(t => t.InstanceId).ToDictionary(g => g.Key, g => g.OrderBy(t => t.CompletedAt).Last().Outcome, StringComparer.Ordinal);

        var rows = complaints.Select(c => new AnnualFigures.CaseRow(c.Id, c.Category, c.Status, c.ReceivedOn,
            c.FinishedAt is { } finished ? AmsterdamTime.Today(finished) : null,
            c.WorkflowInstanceId is not null && advice.TryGetValue(c.WorkflowInstanceId, out var a) ? a : null)).ToList();
        var terms = tasks.Where(t => t.Due is not null).Select(t => new AnnualFigures.TermRow(caseOf[t.InstanceId], t.Status, t.ExpiresAt, t.CompletedAt));
        var figures = AnnualFigures.Compute(year, rows, terms, now);

        var open = complaints.Where(c => c.FinishedAt is null).GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Count());
        var weekStart = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var weekEnd = weekStart.AddDays(6);
        var openTasks = tasks.Where(t => t.Status == HumanTaskStatus.Open && !TaskAccess.IsExcluded(user, t)).OrderBy(t => t.ExpiresAt).ToList();
        var references = await db.Complaints.AsNoTracking().Where(c => c.WorkflowInstanceId != null && instanceIds.Contains(c.WorkflowInstanceId))
            .ToDictionaryAsync(c => c.WorkflowInstanceId!, c => (c.Id, c.Reference), cancellationToken);
        TaskResponse View(HumanTaskEntity t) => TaskResponse.From(t, now, references.TryGetValue(t.InstanceId, out var r) ? r : null);
        return new Overview(
            [.. DutchLabels.Statuses.Select(s => s.Value).Where(open.ContainsKey).Select(s => (s, open[s]))],
            [.. openTasks.Where(t => t.Due >= weekStart && t.Due <= weekEnd).Select(View)],
            [.. openTasks.Where(t => t.ExpiresAt <= now).Select(View)],
            tasks.Count(t => t.OverrunAt is { } at && AmsterdamTime.Today(at).Year == year),
            weekStart,
            weekEnd,
            figures);
    }
}
