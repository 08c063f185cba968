using Klachten.Server.Features.Administration;
using Klachten.Server.Features.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Klachten.Server.Pages.Beheer;

/// <summary>The trail of every administration change (app, API, server command, first OpenID Connect sign-in), newest first.</summary>
[Authorize(Policy = Policies.Administration)]
internal sealed class LogboekModel(Accounts accounts) : PageModel
{
    /// <summary>The page shows this many of the latest changes; the API pages further back.</summary>
    public const int Shown = 500;

    public IReadOnlyList<AdminAuditView> Trail { get; private set; } = [];

    public async Task OnGetAsync() => Trail = await accounts.AuditAsync(null, Shown, HttpContext.RequestAborted);
}
