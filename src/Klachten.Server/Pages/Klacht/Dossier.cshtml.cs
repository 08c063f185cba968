using Klachten.Server.Features.Audit;
using Klachten.Server.Features.Web;
using Klachten.Server.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Pages.Klacht;

/// <summary>
/// The case page. A user the complaint is about gets the same 404 as for a case that does not exist. Every view, PDF
/// and document leaves a row in the audit trail, refused attempts of the concerned included.
/// </summary>
internal sealed class DossierModel(KlachtenDbContext db, AuditTrail audit, TimeProvider clock) : PageModel
{
    public CaseView? Case { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Case = await CaseView.LoadAsync(id, User, db, audit, clock, HttpContext.RequestAborted);
        if (Case is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    /// <summary>The PDF of a sent letter, for whoever may see the case (the concerned employee and manager get 404).</summary>
    public async Task<IActionResult> OnGetPdfAsync(Guid id, string letterId)
    {
        if (await audit.CheckAsync(id, User, AuditKind.DownloadPdf, db, HttpContext.RequestAborted) is not { Allowed: true } access)
        {
            return NotFound();
        }

        var letter = await db.Letters.AsNoTracking().Where(l => l.ComplaintId == id && l.Id == letterId && l.Pdf != null)
            .Select(l => new { l.Kind, l.Pdf }).FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (letter is null)
        {
            return NotFound();
        }

        await audit.RecordAsync(id, User, AuditKind.DownloadPdf, allowed: true, HttpContext.RequestAborted);
        return File(letter.Pdf!, "application/pdf", $"{access.Reference}-{letter.Kind}.pdf");
    }

    /// <summary>A dossier document as handed to the archive, as a download (same access as the case).</summary>
    public async Task<IActionResult> OnGetDocumentAsync(Guid id, string documentId)
    {
        if (await audit.CheckAsync(id, User, AuditKind.ViewDocument, db, HttpContext.RequestAborted) is not { Allowed: true, WorkflowInstanceId: { } instanceId } access)
        {
            return NotFound();
        }

        var document = await CaseView.DocumentAsync(db, instanceId, documentId, HttpContext.RequestAborted);
        if (document is null)
        {
            return NotFound();
        }

        await audit.RecordAsync(id, User, AuditKind.ViewDocument, allowed: true, HttpContext.RequestAborted);
        var extension = document.ContentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) ? ".txt" : "";
        return File(document.Content, document.ContentType, $"{access.Reference}-{document.Kind}{extension}");
    }
}
