using System.Globalization;
using Klachten.Contracts;
using Klachten.Server.Features.Auth;
using Klachten.Server.Features.Complaints;
using Klachten.Server.Features.Web;
using Klachten.Server.Persistence;
using Klachten.Server.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Pages.Klacht;

/// <summary>
/// Intake in two steps: "Controleren" validates with the API's validator and shows a summary (with the lapse warning
/// when the event lies more than two years back); "Registreren" registers through the API's handler. A key made when
/// the form is first shown makes a double submit register one complaint.
/// </summary>
// The policy is also set by convention (WebExtensions); on the model it holds even if the page moves.
[Authorize(Policy = ComplaintsEndpoints.RegisterPolicy)]
internal sealed class NieuwModel(KlachtenDbContext db, WorkflowRuntime runtime, TimeProvider clock) : PageModel
{
    public static readonly string[] Fields =
    [
        "complainant.name", "complainant.email", "complainant.postalAddress", "representative.name", "representative.kind", "representative.email",
        "category", "discriminationGround", "discriminationGroundText", "eventDate", "receivedOn", "stage", "concernedEmployee", "manager", "description",
    ];

    public Dictionary<string, string?> Values { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public bool Checked { get; private set; }

    public bool Lapsed { get; private set; }

    public string? Problem { get; private set; }

    public string IdempotencyKey { get; private set; } = Guid.NewGuid().ToString("N");

    public List<(string Value, string Text)> Managers { get; private set; } = [];

    public List<(string Value, string Text)> Staff { get; private set; } = [];

    public string? Value(string field) => Values.GetValueOrDefault(field);

    public FieldModel Field(string name, string label, string type = "text") =>
        new(name, label, Value(name), Errors.TryGetValue(name, out var messages) ? string.Join(" ", messages) : null, type);

    public async Task OnGetAsync()
    {
        Values["receivedOn"] = AmsterdamTime.Today(clock.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Values["stage"] = nameof(ComplaintStage.Formal);
        await LoadPeopleAsync();
    }

    public async Task<IActionResult> OnPostCheckAsync()
    {
        ReadForm();
        var (valid, errors) = ComplaintValidator.Validate(ToRequest(), AmsterdamTime.Today(clock.GetUtcNow()));
        Errors = errors;
        Checked = valid is not null;
        Lapsed = valid is not null && ComplaintValidator.IsLapsed(valid.EventDate, valid.ReceivedOn);
        await LoadPeopleAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRegisterAsync()
    {
        ReadForm();
        var registered = await RegisterComplaint.RegisterAsync(ToRequest(), IdempotencyKey, User.Identity!.Name!, db, runtime, clock, HttpContext.RequestAborted);
        if (registered.Value is { Complaint: var created })
        {
            var reference = created.Reference;
            var name = User.Identity!.Name;
            if (name is not null && (name == Values["concernedEmployee"] || name == Values["manager"]))
            {
                // Whoever the complaint concerns may not open its case page: back to the inbox, with the reason.
                TempData["Message"] = $"Klacht {reference} is geregistreerd. Omdat de klacht over u gaat, kunt u het dossier niet inzien.";
                TempData["IsError"] = false;
                return Redirect("/");
            }

            TempData["Message"] = $"Klacht {reference} is geregistreerd.";
            return Redirect($"/klachten/{created.Id}");
        }

        var refusal = registered.Refusal!;
        Errors = refusal.Errors;
        Problem = refusal.Errors.Count == 0 ? refusal.Message : null;
        await LoadPeopleAsync();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private void ReadForm()
    {
        foreach (var field in Fields)
        {
            Values[field] = Request.Form[field].ToString() is { Length: > 0 } value ? value.Trim() : null;
        }

        if (Request.Form["idempotencyKey"].ToString() is { Length: > 0 and <= 64 } key)
        {
            IdempotencyKey = key;
        }

        // The ground only belongs to a discrimination complaint; without JavaScript its fields stay on the form.
        if (Values["category"] != nameof(ComplaintCategory.Discrimination))
        {
            Values["discriminationGround"] = null;
            Values["discriminationGroundText"] = null;
        }
    }

    private RegisterComplaintRequest ToRequest()
    {
        var hasRepresentative = Value("representative.name") is not null || Value("representative.kind") is not null || Value("representative.email") is not null;
        return new RegisterComplaintRequest(
            new PersonRequest(Value("complainant.name"), Value("complainant.email"), Value("complainant.postalAddress")),
            hasRepresentative ? new RepresentativeRequest(Value("representative.name"), Value("representative.kind"), Value("representative.email")) : null,
            Value("category"),
            Value("discriminationGround"),
            Value("discriminationGroundText"),
            Value("eventDate"),
            Value("receivedOn"),
            Value("stage"),
            Value("concernedEmployee"),
            Value("manager"),
            Value("description"));
    }

    private async Task LoadPeopleAsync()
    {
        var users = await db.Users.AsNoTracking().Where(u => u.DisabledAt == null).OrderBy(u => u.DisplayName).Select(u => new { u.UserName, u.DisplayName, u.Roles }).ToListAsync(HttpContext.RequestAborted);
        Managers = [.. users.Where(u => u.Roles.Split(',').Contains(Roles.Leidinggevende)).Select(u => (u.UserName, $"{u.DisplayName} ({u.UserName})"))];
        Staff = [.. users.Where(u => u.Roles.Split(',').Any(r => r is Roles.Medewerker or Roles.Leidinggevende)).Select(u => (u.UserName, $"{u.DisplayName} ({u.UserName})"))];
    }
}
