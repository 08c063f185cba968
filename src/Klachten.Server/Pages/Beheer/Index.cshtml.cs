using Klachten.Server.Features.Administration;
using Klachten.Server.Features.Auth;
using Klachten.Server.Features.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Klachten.Server.Pages.Beheer;

/// <summary>
/// The administration's start: every account with its roles and status, and the form for a new account. The
/// <see cref="Accounts"/> service does the work (as for the API), so its rules and Dutch messages are the same here.
/// </summary>
// The policy is also set by convention (WebExtensions); on the model it holds even if the page moves.
[Authorize(Policy = Policies.Administration)]
internal sealed class IndexModel(Accounts accounts) : PageModel
{
    public IReadOnlyList<AccountView> Users { get; private set; } = [];

    public Dictionary<string, string?> Values { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> SelectedRoles { get; private set; } = [];

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>A refusal without field errors (the user name is taken).</summary>
    public string? Problem { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public FieldModel Field(string name, string label, string type = "text") =>
        new(name, label, Values.GetValueOrDefault(name), ErrorFor(name), type);

    public string? ErrorFor(string name) => Errors.TryGetValue(name, out var messages) ? string.Join(" ", messages) : null;

    public async Task OnGetAsync() => Users = await accounts.ListAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync(string? userName, string? displayName, string? email, string[]? roles)
    {
        SelectedRoles = roles ?? [];
        var created = await accounts.CreateAsync(User.Identity!.Name!, new NewAccount(userName, displayName, email, SelectedRoles), HttpContext.RequestAborted);
        if (created.Value is { } account)
        {
            TempData[GebruikerModel.MessageKey] = $"Gebruiker {account.UserName} is aangemaakt met de rollen: {AdminText.Roles(account.Roles)}.";
            return Redirect(GebruikerModel.PathFor(account.UserName));
        }

        var refusal = created.Refusal!;
        Values["userName"] = userName;
        Values["displayName"] = displayName;
        Values["email"] = email;
        Errors = refusal.Errors;
        Problem = refusal.Errors.Count == 0 ? refusal.Message : null;
        // Field messages are shown on the form (200, like the intake's check); a name already taken is a 409.
        Response.StatusCode = refusal.Errors.Count == 0 ? refusal.Status : StatusCodes.Status200OK;
        Users = await accounts.ListAsync(HttpContext.RequestAborted);
        return Page();
    }
}
