using System.Text.Json.Nodes;
using Klachten.Server.Features.Audit;
using Klachten.Server.Features.Tasks;
using Klachten.Server.Persistence;
using Klachten.Server.Runtime;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Pages.Taken;

/// <summary>
/// One task: claim it, or complete it with one of its outcomes, its required fields and a comment. Claiming and
/// completing go through the API's own handlers, so the rules (roles, impartiality, versions, 409) are the same.
/// </summary>
internal sealed class TaakModel(KlachtenDbContext db, WorkflowRuntime runtime, AuditTrail audit, TimeProvider clock) : PageModel
{
    public TaskResponse? Task { get; private set; }

    public string? Denial { get; private set; }

    public string? Conflict { get; private set; }

    public string? Outcome { get; private set; }

    public string? Comment { get; private set; }

    public Dictionary<string, string> Data { get; } = new(StringComparer.Ordinal);

    /// <summary>What the task's complaint is about, enough for the task (e.g. the conversation) without the dossier.</summary>
    public ComplaintSummary? About { get; private set; }

    /// <summary>Whether the user may open the case page (the people the complaint concerns may not).</summary>
    public bool MayOpenCase { get; private set; }

    internal sealed record ComplaintSummary(string Complainant, string? Email, string? PostalAddress, string Category, DateOnly EventDate, DateOnly ReceivedOn, string Description);

    /// <summary>Outcomes the workflow refuses in this situation, with the Dutch reason (e.g. a second extension).</summary>
    public IReadOnlyDictionary<string, string> RefusedOutcomes { get; private set; } = new Dictionary<string, string>();

    /// <summary>The outcomes offered on the form: the task's outcomes without the refused ones.</summary>
    public IReadOnlyList<string> OfferedOutcomes => Task?.Outcomes.Where(o => !RefusedOutcomes.ContainsKey(o)).ToList() ?? [];

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [TempData]
    public string? Message { get; set; }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public static string InputId(string field) => field == "outcome" ? "outcome" : field.Replace('.', '-');

    /// <summary>Opening the page is a view of the task's complaint (<see cref="AuditKind.ViewTask"/>); re-showing it after a POST is not.</summary>
    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id, record: true) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostClaimAsync(string id)
    {
        if ((await ClaimTask.ClaimAsync(id, User, db, clock, HttpContext.RequestAborted)).Refusal is not { } outcome)
        {
            Message = "U heeft de taak opgepakt.";
            return RedirectToPage(new { id });
        }

        // A refusal is shown on the task page with its own status (403 role, 409 held by someone else), not as a
        // redirect that looks like success.
        db.ChangeTracker.Clear();
        if (outcome.Status == StatusCodes.Status404NotFound || !await LoadAsync(id))
        {
            return NotFoundPage();
        }

        if (outcome.Status == StatusCodes.Status409Conflict)
        {
            Conflict = outcome.Message;
        }
        else
        {
            Denial = outcome.Message;
        }

        Response.StatusCode = outcome.Status;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string? outcome, string? comment, int version)
    {
        Outcome = outcome;
        Comment = comment;
        var data = new JsonObject();
        foreach (var (key, value) in Request.Form.Where(f => f.Key.StartsWith("data.", StringComparison.Ordinal)))
        {
            Data[key["data.".Length..]] = value.ToString();
            data[key["data.".Length..]] = value.ToString();
        }

        if (string.IsNullOrWhiteSpace(outcome))
        {
            Errors = new Dictionary<string, string[]> { ["outcome"] = ["Kies een uitkomst."] };
            return await LoadAsync(id) ? Page() : NotFoundPage();
        }

        var request = new CompleteTaskRequest(outcome, string.IsNullOrWhiteSpace(comment) ? null : comment, data, version);
        var completed = await CompleteTask.CompleteAsync(id, request, User, db, runtime, clock, HttpContext.RequestAborted);
        if (completed.Refusal is not { } result)
        {
            var done = completed.Value;
            TempData["Message"] = $"Taak '{done?.Title}' is afgerond met de uitkomst '{outcome}'.";
            TempData["IsError"] = false;
            return Redirect("/");
        }

        switch (result.Status)
        {
            case StatusCodes.Status404NotFound:
                return NotFoundPage();
            case StatusCodes.Status409Conflict:
                Conflict = result.Message;
                break;
            case StatusCodes.Status403Forbidden:
                Denial = result.Message;
                break;
            default:
                Errors = result.Errors.Count > 0 ? result.Errors : new Dictionary<string, string[]> { ["outcome"] = [result.Message] };
                break;
        }

        db.ChangeTracker.Clear();
        if (!await LoadAsync(id))
        {
            return NotFoundPage();
        }

        // An outcome the workflow refuses (a form opened before it was, or a crafted post) is the user's choice to
        // correct, not a change by someone else: the reason goes next to the outcomes and the form stays.
        if (Conflict is not null && RefusedOutcomes.TryGetValue(outcome, out var reason) && Task?.Status == HumanTaskStatus.Open)
        {
            Conflict = null;
            Outcome = null;
            Errors = new Dictionary<string, string[]> { ["outcome"] = [reason] };
        }

        Response.StatusCode = result.Status;
        return Page();
    }

    /// <summary>The task as the API shows it; a task of a complaint the user is concerned in does not exist for them.</summary>
    private async Task<bool> LoadAsync(string id, bool record = false)
    {
        var task = await db.HumanTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, HttpContext.RequestAborted);
        if (task is null)
        {
            return false;
        }

        var complaint = await db.Complaints.AsNoTracking().Where(c => c.WorkflowInstanceId == task.InstanceId).FirstOrDefaultAsync(HttpContext.RequestAborted);
        var excluded = TaskAccess.IsExcluded(User, task);
        if (record && complaint is not null)
        {
            await audit.RecordAsync(complaint.Id, User, AuditKind.ViewTask, allowed: !excluded, HttpContext.RequestAborted);
        }

        if (excluded)
        {
            return false;
        }

        Task = TaskResponse.From(task, clock.GetUtcNow(), complaint is null ? null : (complaint.Id, complaint.Reference));
        if (complaint is not null)
        {
            About = new ComplaintSummary(complaint.ComplainantName, complaint.ComplainantEmail, complaint.ComplainantPostalAddress,
                Features.Complaints.DutchLabels.Category(complaint.Category), complaint.EventDate, complaint.ReceivedOn, complaint.Description);
            MayOpenCase = !Features.Complaints.GetComplaint.IsExcluded(complaint, User);
        }

        RefusedOutcomes = TaskResponse.RefusedOutcomesOf(task);
        Denial ??= TaskAccess.Denial(User, task);
        return true;
    }

    private PageResult NotFoundPage()
    {
        Task = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
