using System.Text.Json;
using System.Text.Json.Nodes;
using Klachten.Contracts;
using Klachten.Server.Common;
using Klachten.Server.Features.Definitions;
using Klachten.Server.Persistence;
using Klachten.Server.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Complaints;

/// <summary>
/// <c>POST /api/complaints</c>: validates, numbers the complaint gap-free per year, and starts the procedure in the
/// same transaction, so a complaint never exists without its workflow (or the other way round).
/// </summary>
internal static class RegisterComplaint
{
    public const string ProcedureDefinitionId = "klachtenprocedure";
    private const long BodyLimitBytes = 64 * 1024;

    public static async Task<IResult> HandleAsync(HttpRequest request, KlachtenDbContext db, WorkflowRuntime runtime, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (node, error) = await RequestBody.ReadJsonAsync(request, BodyLimitBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        RegisterComplaintRequest? body;
        try
        {
            body = node.Deserialize<RegisterComplaintRequest>(ComplaintJson.Options);
        }
        catch (JsonException ex)
        {
            return ProblemResponses.BadRequest($"De klacht heeft een ongeldige vorm: {ex.Message}");
        }

        if (body is null)
        {
            return ProblemResponses.BadRequest("De inhoud van het verzoek is leeg.");
        }

        var idempotencyKey = request.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > 200)
        {
            return ProblemResponses.Validation(new Dictionary<string, string[]> { ["Idempotency-Key"] = ["De sleutel is langer dan 200 tekens."] });
        }

        return (await RegisterAsync(body, idempotencyKey, request.HttpContext.User.Identity!.Name!, db, runtime, clock, cancellationToken))
            .ToHttp(r => r.IsNew
                ? (IResult)TypedResults.Created($"/api/complaints/{r.Complaint.Id}", r.Complaint.ToJson())
                : TypedResults.Json(r.Complaint.ToJson(), statusCode: StatusCodes.Status200OK));
    }

    /// <summary>Validation, idempotency and registration of a parsed intake; the staff web app's form calls this too.</summary>
    public static async Task<Result<Registration>> RegisterAsync(RegisterComplaintRequest body, string idempotencyKey, string user, KlachtenDbContext db,
        WorkflowRuntime runtime, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (idempotencyKey.Length > 0 && await FindByKeyAsync(db, user, idempotencyKey, cancellationToken) is { } existing)
        {
            return new Registration(ComplaintRef.Of(existing), IsNew: false);
        }

        var now = clock.GetUtcNow();
        var today = AmsterdamTime.Today(now);
        var (valid, errors) = ComplaintValidator.Validate(body, today);
        if (valid is not null)
        {
            await CheckStaffAsync(db, body, errors, cancellationToken);
        }

        if (valid is null || errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        try
        {
            var complaint = await StoreAsync(db, runtime, body, valid, idempotencyKey, user, now, today, cancellationToken);
            return new Registration(ComplaintRef.Of(complaint), IsNew: true);
        }
        catch (DbUpdateException ex) when (db.IsConcurrencyConflict(ex) && idempotencyKey.Length > 0)
        {
            // The same key registered concurrently: the first one wins and is returned to both.
            db.ChangeTracker.Clear();
            var winner = await FindByKeyAsync(db, user, idempotencyKey, cancellationToken);
            return winner is null ? Refusal.Conflict("De klacht wordt al geregistreerd.") : new Registration(ComplaintRef.Of(winner), IsNew: false);
        }
    }

    private static async Task<ComplaintEntity> StoreAsync(KlachtenDbContext db, WorkflowRuntime runtime, RegisterComplaintRequest body,
        ComplaintValidator.Valid valid, string idempotencyKey, string user, DateTimeOffset now, DateOnly today, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var sequence = await db.NextComplaintNumberAsync(today.Year, cancellationToken);
        var lapsed = ComplaintValidator.IsLapsed(valid.EventDate, valid.ReceivedOn);
        var complaint = new ComplaintEntity
        {
            Id = Guid.CreateVersion7(),
            Reference = $"K-{today.Year}-{sequence:0000}",
            Year = today.Year,
            Sequence = sequence,
            Status = lapsed ? ComplaintStatus.NotAdmissible : valid.Stage == ComplaintStage.Informal ? ComplaintStatus.Informal : ComplaintStatus.Received,
            Stage = valid.Stage.ToString(),
            Category = valid.Category.ToString(),
            DiscriminationGround = valid.Ground?.ToString(),
            DiscriminationGroundText = valid.Ground is null ? null : body.DiscriminationGroundText?.Trim(),
            ComplainantName = body.Complainant!.Name!.Trim(),
            ComplainantEmail = NullIfEmpty(body.Complainant.Email),
            ComplainantPostalAddress = NullIfEmpty(body.Complainant.PostalAddress),
            RepresentativeName = NullIfEmpty(body.Representative?.Name),
            RepresentativeKind = valid.RepresentativeKind?.ToString(),
            RepresentativeEmail = NullIfEmpty(body.Representative?.Email),
            EventDate = valid.EventDate,
            ReceivedOn = valid.ReceivedOn,
            ConcernedEmployee = NullIfEmpty(body.ConcernedEmployee),
            Manager = body.Manager!.Trim(),
            Description = body.Description!.Trim(),
            IdempotencyKey = idempotencyKey.Length > 0 ? idempotencyKey : null,
            CreatedBy = user,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Complaints.Add(complaint);
        db.ComplaintEvents.Add(new ComplaintEventEntity { ComplaintId = complaint.Id, At = now, Kind = "Registered", Text = $"Klacht {complaint.Reference} geregistreerd." });

        // The workflow sees dates and flags only; names and the description stay in the complaint.
        var input = new JsonObject
        {
            ["complaintId"] = complaint.Id.ToString(),
            ["reference"] = complaint.Reference,
            ["stage"] = complaint.Stage,
            ["lapsed"] = lapsed,
            ["receivedOn"] = complaint.ReceivedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["hasRepresentative"] = complaint.RepresentativeName is not null,
            ["hasConcernedEmployee"] = complaint.ConcernedEmployee is not null,

            // Staff user names route the informal steps to the people concerned (not complainant data).
            ["concernedEmployee"] = complaint.ConcernedEmployee,
            ["manager"] = complaint.Manager,
        };
        var started = await runtime.StartWithinAsync(ProcedureDefinitionId, input, complaint.Id.ToString(), cancellationToken)
            ?? throw new InvalidOperationException($"Workflow '{ProcedureDefinitionId}' has no published version.");
        complaint.WorkflowInstanceId = started.State.Id;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        runtime.AfterCommit(started);
        return complaint;
    }

    // The informal steps and the impartiality rule name staff by user name: they must be real accounts.
    private static async Task CheckStaffAsync(KlachtenDbContext db, RegisterComplaintRequest body, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var manager = body.Manager!.Trim();
        var managerRoles = await db.Users.AsNoTracking().Where(u => u.UserName == manager).Select(u => u.Roles).FirstOrDefaultAsync(cancellationToken);
        if (managerRoles is null || !managerRoles.Split(',').Contains(Auth.Roles.Leidinggevende, StringComparer.Ordinal))
        {
            errors["manager"] = [$"'{manager}' is geen bekende leidinggevende."];
        }

        if (NullIfEmpty(body.ConcernedEmployee) is { } employee && !await db.Users.AnyAsync(u => u.UserName == employee, cancellationToken))
        {
            errors["concernedEmployee"] = [$"'{employee}' is geen bekende medewerker."];
        }
    }

    private static Task<ComplaintEntity?> FindByKeyAsync(KlachtenDbContext db, string user, string key, CancellationToken cancellationToken) =>
        db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.IdempotencyKey == key && c.CreatedBy == user, cancellationToken);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

}
