using System.Text;
using Klachten.Contracts;
using Klachten.Server.Features.Audit;
using Klachten.Server.Features.Web;
using Klachten.Server.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Pages;

/// <summary>
/// The director's overview, and the annual figures as CSV (<c>/overzicht?handler=csv&amp;jaar=2026</c>). The CSV is an
/// export: every complaint whose figures it contains gets an <see cref="AuditKind.Export"/> row.
/// </summary>
[Authorize(Policy = WebExtensions.DirectorPolicy)]
internal sealed class OverzichtModel(KlachtenDbContext db, AuditTrail audit, TimeProvider clock) : PageModel
{
    public Overview? Data { get; private set; }

    public int Year { get; private set; }

    public int CurrentYear { get; private set; }

    public async Task OnGetAsync(int? jaar)
    {
        SetYear(jaar);
        if (jaar is null)
        {
            // Early in a year the new year has no complaints yet: open on the latest year that has some.
            var latest = await db.Complaints.AsNoTracking().Where(c => c.Year <= CurrentYear).MaxAsync(c => (int?)c.Year, HttpContext.RequestAborted);
            Year = latest ?? CurrentYear;
        }

        Data = await Overview.LoadAsync(Year, User, db, clock, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnGetCsvAsync(int? jaar)
    {
        SetYear(jaar);
        var overview = await Overview.LoadAsync(Year, User, db, clock, HttpContext.RequestAborted);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(overview.Figures.ToCsv())).ToArray();
        await audit.RecordManyAsync(overview.Figures.CaseIds, User, AuditKind.Export, allowed: true, HttpContext.RequestAborted);
        return File(bytes, "text/csv; charset=utf-8", $"klachten-jaarcijfers-{Year}.csv");
    }

    private void SetYear(int? year)
    {
        CurrentYear = AmsterdamTime.Today(clock.GetUtcNow()).Year;
        Year = year is >= 2000 and <= 2100 ? year.Value : CurrentYear;
    }
}
