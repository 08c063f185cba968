using Klachten.Contracts;
using Klachten.Server.Features.Complaints;
using Klachten.Server.Persistence;
using Klachten.Server.Runtime;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Pages.Klacht;

/// <summary>
/// What the complainant does outside the task inbox, recorded by staff who may register complaints: a withdrawal (the
/// procedure listens for it from the formal stage on) and the written complaint after the informal steps. Each is
/// offered only while the procedure waits for it; the API's own handlers do the work, so the rules (dates, the
/// two-year lapse) and the 409 are the same. The people the complaint concerns get 404.
/// </summary>
internal sealed class VastleggenModel(KlachtenDbContext db, WorkflowRuntime runtime, TimeProvider clock) : PageModel
{
    public const string WithdrawalEvent = ComplaintEvents.WithdrawalEvent;

    public const string WrittenComplaintEvent = ComplaintEvents.WrittenComplaintEvent;

    public bool WaitsForWrittenComplaint { get; private set; }

    /// <summary>The date field's value: what was posted, or today on the server's clock.</summary>
    public string ReceivedOn { get; private set; } = string.Empty;

    public string? DateError { get; private set; }

    public Guid Id { get; private set; }

    public string? Reference { get; private set; }

    public bool WaitsForWithdrawal { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostIntrekkenAsync(Guid id, bool bevestigd)
    {
        if (!await LoadAsync(id))
        {
            return NotFoundPage();
        }

        if (!bevestigd)
        {
            // Shown on the form like the intake's field messages (200): nothing was recorded.
            Error = "Vink aan dat de klager de klacht heeft ingetrokken.";
            return Page();
        }

        if ((await ComplaintEvents.RecordWithdrawalAsync(id, User, db, runtime, HttpContext.RequestAborted)).Refusal is not { } outcome)
        {
            TempData["Message"] = "De intrekking is vastgelegd; de klager krijgt een bevestiging.";
            return Redirect($"/klachten/{id}");
        }

        db.ChangeTracker.Clear();
        await LoadAsync(id);
        Error = outcome.Message;
        Response.StatusCode = outcome.Status;
        return Page();
    }

    public async Task<IActionResult> OnPostSchriftelijkAsync(Guid id, string? ontvangen)
    {
        if (!await LoadAsync(id))
        {
            return NotFoundPage();
        }

        ReceivedOn = ontvangen ?? string.Empty;
        if ((await ComplaintEvents.RecordWrittenComplaintAsync(id, ontvangen, User, db, runtime, clock, HttpContext.RequestAborted)).Refusal is not { } outcome)
        {
            TempData["Message"] = "De schriftelijke klacht is vastgelegd; de formele procedure loopt.";
            return Redirect($"/klachten/{id}");
        }

        db.ChangeTracker.Clear();
        await LoadAsync(id);
        ReceivedOn = ontvangen ?? string.Empty;
        if (outcome.Errors.Count > 0)
        {
            // A date the form should not have accepted: shown next to the field (200, like the intake), nothing recorded.
            DateError = string.Join(" ", outcome.Errors.Values.SelectMany(m => m));
            return Page();
        }

        Error = outcome.Message;
        Response.StatusCode = outcome.Status;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        Id = id;
        var complaint = await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, HttpContext.RequestAborted);
        if (complaint is null || GetComplaint.IsExcluded(complaint, User))
        {
            return false;
        }

        Reference = complaint.Reference;
        var awaited = await db.Bookmarks.AsNoTracking()
            .Where(b => b.InstanceId == complaint.WorkflowInstanceId && b.Kind == "Event" && (b.EventName == WithdrawalEvent || b.EventName == WrittenComplaintEvent))
            .Select(b => b.EventName).ToListAsync(HttpContext.RequestAborted);
        WaitsForWithdrawal = awaited.Contains(WithdrawalEvent);
        WaitsForWrittenComplaint = awaited.Contains(WrittenComplaintEvent);
        ReceivedOn = AmsterdamTime.Today(clock.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    private PageResult NotFoundPage()
    {
        Reference = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
