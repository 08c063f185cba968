using Klachten.Server.Features.Web;
using Klachten.Server.Persistence;
using Microsoft.AspNetCore.Mvc;
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
}
