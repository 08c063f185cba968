using Klachten.Server.Features.Complaints;
using Klachten.Server.Persistence;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Klachten.Server.Pages.Klacht;

/// <summary>The complaints the user may see (as <c>GET /api/complaints</c>: never those they are concerned in).</summary>
internal sealed class IndexModel(KlachtenDbContext db) : PageModel
{
    private const int PageSize = 50;

    public IReadOnlyList<CaseSummaryRecord> Items { get; private set; } = [];

    public string? Status { get; private set; }

    public int PageNumber { get; private set; }

    public int Total { get; private set; }

    public bool HasNext => (PageNumber + 1) * PageSize < Total;

    /// <summary>What was searched for; the search is posted, so a complainant's name never ends up in an address.</summary>
    public string? Search { get; private set; }

    public Task OnGetAsync(string? status, int? pagina) => LoadAsync(status, pagina, search: null);

    public Task OnPostZoekAsync(string? status, string? zoek) => LoadAsync(status, 0, zoek is { Length: > 100 } ? zoek[..100] : zoek);

    private async Task LoadAsync(string? status, int? pagina, string? search)
    {
        Status = ComplaintStatuses.Parse(status)?.ToString();
        Search = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        PageNumber = Math.Max(0, pagina ?? 0);
        if ((await GetComplaint.QueryAsync(Status, PageNumber, PageSize, User, db, HttpContext.RequestAborted, Search)).Value is { } list)
        {
            Items = list.Items;
            Total = list.TotalCount;
        }
    }
}
