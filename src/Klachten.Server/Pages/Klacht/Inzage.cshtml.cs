using Klachten.Server.Features.Audit;
using Klachten.Server.Features.Auth;
using Klachten.Server.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Klachten.Server.Pages.Klacht;

/// <summary>
/// A complaint's audit trail for the beheerder: who viewed the case, its tasks, letters and documents, and in which
/// exports it was. The page convention (<see cref="AuditExtensions.ReadPolicy"/>) already refuses other roles; the
/// handler checks again so the page never relies on one line of configuration. A beheerder concerned in the complaint
/// gets 404, as for the case.
/// </summary>
internal sealed class InzageModel(KlachtenDbContext db) : PageModel
{
    public GetAudit.Trail? Trail { get; private set; }

    public Guid Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!User.IsInRole(Roles.Beheerder))
        {
            return Forbid();
        }

        Id = id;
        Trail = await GetAudit.LoadAsync(id, User, db, HttpContext.RequestAborted);
        if (Trail is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
