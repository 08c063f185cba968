using Klachten.Server.Common;
using Klachten.Server.Features.Administration;
using Klachten.Server.Features.Auth;
using Klachten.Server.Features.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Klachten.Server.Pages.Beheer;

/// <summary>
/// One account: its name, e-mail address and roles, disabling and enabling it, its API keys and its trail. Every
/// change goes through <see cref="Accounts"/> and then back to this page (Post/Redirect/Get), except a new key: its
/// secret is shown once, in the answer to the POST itself, and is neither stored nor put in a URL or cookie.
/// </summary>
[Authorize(Policy = Policies.Administration)]
internal sealed class GebruikerModel(Accounts accounts) : PageModel
{
    public const string MessageKey = "Message";

    public AccountView? Account { get; private set; }

    public IReadOnlyList<ApiKeyView> Keys { get; private set; } = [];

    public IReadOnlyList<AdminAuditView> Trail { get; private set; } = [];

    /// <summary>The key just created, with its secret: set only in the answer to the POST that created it.</summary>
    public NewApiKey? NewKey { get; private set; }

    public Dictionary<string, string?> Values { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> SelectedRoles { get; private set; } = [];

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>A refusal without field errors (e.g. the last beheerder, a key name in use).</summary>
    public string? Problem { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public static string PathFor(string userName) => "/beheer/gebruikers/" + Uri.EscapeDataString(userName);

    public FieldModel Field(string name, string label, string type = "text") =>
        new(name, label, Values.GetValueOrDefault(name), ErrorFor(name), type);

    public string? ErrorFor(string name) => Errors.TryGetValue(name, out var messages) ? string.Join(" ", messages) : null;

    public async Task<IActionResult> OnGetAsync(string userName) => await LoadAsync(userName) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostGegevensAsync([FromRoute] string userName, string? displayName, string? email, string[]? roles)
    {
        var change = new AccountChange(displayName ?? string.Empty, email ?? string.Empty, roles ?? []);
        var changed = await accounts.ChangeAsync(Actor, userName, change, HttpContext.RequestAborted);
        if (changed.Refusal is not { } refusal)
        {
            return Done(userName, $"De gegevens en rollen van {userName} zijn opgeslagen.");
        }

        if (!await LoadAsync(userName))
        {
            return NotFoundPage();
        }

        if (refusal.Errors.Count > 0)
        {
            // Shown beside the fields as posted (200, like the intake's check); nothing was saved.
            Values["displayName"] = displayName;
            Values["email"] = email;
            SelectedRoles = roles ?? [];
        }

        return Refused(refusal);
    }

    public Task<IActionResult> OnPostUitschakelenAsync([FromRoute] string userName) => SetDisabledAsync(userName, disabled: true);

    public Task<IActionResult> OnPostInschakelenAsync([FromRoute] string userName) => SetDisabledAsync(userName, disabled: false);

    public async Task<IActionResult> OnPostSleutelAsync([FromRoute] string userName, string? name)
    {
        if (!await LoadAsync(userName))
        {
            return NotFoundPage();
        }

        var created = await accounts.CreateKeyAsync(Actor, userName, name, HttpContext.RequestAborted);
        if (created.Refusal is { } refusal)
        {
            Values["name"] = name;
            return Refused(refusal);
        }

        // The one answer that shows the secret; no-store (SecurityHeaders) keeps it out of the browser's cache.
        NewKey = created.Value;
        await LoadAsync(userName);
        return Page();
    }

    public async Task<IActionResult> OnPostIntrekkenAsync([FromRoute] string userName, Guid id)
    {
        // Only a key of this account: the URL names the account, the form the key.
        var keys = await accounts.ListKeysAsync(userName, HttpContext.RequestAborted);
        if (keys.FirstOrDefault(k => k.Id == id) is not { } key)
        {
            return NotFoundPage();
        }

        var revoked = await accounts.RevokeKeyAsync(Actor, id, HttpContext.RequestAborted);
        return revoked.Refusal is { } refusal
            ? (await LoadAsync(userName) ? Refused(refusal) : NotFoundPage())
            : Done(userName, $"De API-sleutel '{key.Name}' is ingetrokken; hij werkt niet meer.");
    }

    private string Actor => User.Identity!.Name!;

    private async Task<IActionResult> SetDisabledAsync(string userName, bool disabled)
    {
        var changed = await accounts.ChangeAsync(Actor, userName, new AccountChange(Disabled: disabled), HttpContext.RequestAborted);
        if (changed.Refusal is { } refusal)
        {
            return await LoadAsync(userName) ? Refused(refusal) : NotFoundPage();
        }

        return Done(userName, disabled
            ? $"Gebruiker {userName} is uitgeschakeld: aanmelden en API-sleutels werken niet meer, een open sessie vervalt."
            : $"Gebruiker {userName} is weer ingeschakeld.");
    }

    private RedirectResult Done(string userName, string message)
    {
        TempData[MessageKey] = message;
        return Redirect(PathFor(userName));
    }

    private PageResult Refused(Refusal refusal)
    {
        Errors = refusal.Errors;
        Problem = refusal.Errors.Count == 0 ? refusal.Message : null;
        Response.StatusCode = refusal.Errors.Count == 0 ? refusal.Status : StatusCodes.Status200OK;
        return Page();
    }

    private async Task<bool> LoadAsync(string userName)
    {
        var cancellationToken = HttpContext.RequestAborted;
        Account = await accounts.FindAsync(userName, cancellationToken);
        if (Account is null)
        {
            return false;
        }

        Values["displayName"] = Account.DisplayName;
        Values["email"] = Account.Email;
        SelectedRoles = Account.Roles;
        Keys = await accounts.ListKeysAsync(userName, cancellationToken);
        Trail = await accounts.AuditAsync(userName, 100, cancellationToken);
        return true;
    }

    private PageResult NotFoundPage()
    {
        Account = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
