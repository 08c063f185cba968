using Klachten.Server.Features.Web;
using Klachten.Server.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Klachten.Server.Pages.Klacht;

/// <summary>The case page. A user the complaint is about gets the same 404 as for a case that does not exist.</summary>
internal sealed class DossierModel(KlachtenDbContext db, TimeProvider clock) : PageModel
{
    public CaseView? Case { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Case = await CaseView.LoadAsync(id, User, db, clock, HttpContext.RequestAborted);
        if (Case is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    /// <summary>The PDF of a sent letter, for whoever may see the case (the concerned employee and manager get 404).</summary>
    public async Task<IActionResult> OnGetPdfAsync(Guid id, string letterId)
    {
        var @case = await CaseView.LoadAsync(id, User, db, clock, HttpContext.RequestAborted);
        if (@case is null)
        {
            return NotFound();
        }

        var letter = await db.Letters.AsNoTracking().Where(l => l.ComplaintId == id && l.Id == letterId && l.Pdf != null)
            .Select(l => new { l.Kind, l.Pdf }).FirstOrDefaultAsync(HttpContext.RequestAborted);
        return letter is null ? NotFound() : File(letter.Pdf!, "application/pdf", $"{@case.Complaint["reference"]}-{letter.Kind}.pdf");
    }
}
