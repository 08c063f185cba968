using Klachten.Server.Features.Tasks;
using Klachten.Server.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Klachten.Server.Pages;

/// <summary>The inbox: the tasks the user holds and the open tasks of their roles, by expiry (as <c>GET /api/tasks</c>).</summary>
internal sealed class IndexModel(KlachtenDbContext db, TimeProvider clock) : PageModel
{
    public List<TaskResponse> Mine { get; private set; } = [];

    public List<TaskResponse> ForRole { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public bool IsError { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        Mine = await ListTasks.QueryAsync("mine", HumanTaskStatus.Open, User, db, clock, cancellationToken);
        var mine = Mine.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        ForRole = [.. (await ListTasks.QueryAsync("role", HumanTaskStatus.Open, User, db, clock, cancellationToken)).Where(t => !mine.Contains(t.Id))];
        return Page();
    }
}
