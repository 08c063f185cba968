using System.Security.Claims;
using System.Text.Json.Nodes;
using Klachten.Contracts;
using Klachten.Server.Common;
using Klachten.Server.Features.Audit;
using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Complaints;

/// <summary><c>GET /api/complaints/{id}</c> and the list. People the complaint is about do not see it at all (404).</summary>
internal static class GetComplaint
{
    private const int MaxPageSize = 100;

    public static async Task<IResult> ByIdAsync(Guid id, ClaimsPrincipal user, KlachtenDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken) =>
        await LoadAsync(id, user, db, audit, clock, cancellationToken) is { } view
            ? TypedResults.Json(CaseJson.Of(view))
            : ProblemResponses.NotFound($"Klacht '{id}' bestaat niet.");

    /// <summary>
    /// The case as the API shows it, or null when it does not exist or the user is excluded from it. Leaves one
    /// <see cref="AuditKind.ViewCase"/> row for an existing complaint: refused for the excluded, allowed otherwise.
    /// </summary>
    public static async Task<CaseRecord?> LoadAsync(Guid id, ClaimsPrincipal user, KlachtenDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (complaint is null)
        {
            return null;
        }

        if (IsExcluded(complaint, user))
        {
            await audit.RecordAsync(id, user, AuditKind.ViewCase, allowed: false, cancellationToken);
            return null;
        }

        var tasks = await db.HumanTasks.AsNoTracking().Where(t => t.InstanceId == complaint.WorkflowInstanceId).OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken);
        // Without the PDFs themselves: the case view only says whether one can be downloaded.
        var letterRows = await db.Letters.AsNoTracking().Where(l => l.ComplaintId == id).OrderBy(l => l.RequestedAt)
            .Select(l => new
            {
                Letter = new LetterEntity
                {
                    Id = l.Id, ComplaintId = l.ComplaintId, Kind = l.Kind, RecipientsJson = l.RecipientsJson, Status = l.Status,
                    RequestedAt = l.RequestedAt, SentAt = l.SentAt, Sha256 = l.Sha256,
                },
                HasPdf = l.Pdf != null,
            }).ToListAsync(cancellationToken);
        var letters = letterRows.Select(r => r.Letter).ToList();
        var timeline = await db.ComplaintEvents.AsNoTracking().Where(e => e.ComplaintId == id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var view = new CaseRecord(
            complaint.Id,
            complaint.Reference,
            complaint.Status,
            complaint.Stage,
            complaint.Category,
            complaint.DiscriminationGround,
            complaint.DiscriminationGroundText,
            new ComplainantRecord(complaint.ComplainantName, complaint.ComplainantEmail, complaint.ComplainantPostalAddress),
            complaint.RepresentativeName is { } representative ? new RepresentativeRecord(representative, complaint.RepresentativeKind, complaint.RepresentativeEmail) : null,
            complaint.EventDate,
            complaint.ReceivedOn,
            complaint.ConcernedEmployee,
            complaint.Manager,
            complaint.Description,
            complaint.WorkflowInstanceId,
            complaint.CreatedAt,
            [.. tasks.Where(t => t.Due is not null).Select(t => Term(t, letters, now))],
            [.. tasks.Select(t => new CaseTaskRecord(t.Id, t.Title, t.Role, t.Status, t.Assignee, t.Outcome, t.Due, t.ExpiresAt,
                t.Status == HumanTaskStatus.Open && t.ExpiresAt is { } e && now >= e, t.CompletedAt))],
            [.. letterRows.Select(r => new CaseLetterRecord(r.Letter.Id, r.Letter.Kind, Recipients(r.Letter.RecipientsJson), r.Letter.Status,
                r.Letter.RequestedAt, r.Letter.SentAt, r.Letter.Sha256, r.HasPdf))],
            [.. timeline.Select(e => new TimelineRecord(e.At, e.Kind, e.Text))]);
        await audit.RecordAsync(id, user, AuditKind.ViewCase, allowed: true, cancellationToken);
        return view;
    }

    // Stored as the projector wrote it: one entry per role with its copy flag.
    private static List<LetterRoleRecord> Recipients(string json) =>
        JsonNode.Parse(json) is JsonArray array
            ? [.. array.OfType<JsonObject>().Select(r => new LetterRoleRecord((string?)r["role"] ?? string.Empty, (bool?)r["copy"] ?? false))]
            : [];

    /// <param name="search">The staff app's search: part of the reference or of the complainant's name (not on the API).</param>
    public static async Task<IResult> ListAsync(string? status, int? page, int? pageSize, ClaimsPrincipal user, KlachtenDbContext db, CancellationToken cancellationToken, string? search = null) =>
        (await QueryAsync(status, page, pageSize, user, db, cancellationToken, search)).ToHttp(p => TypedResults.Json(CaseJson.Of(p)));

    /// <summary>A page of the cases the user may see; the API's list and the staff app's overview.</summary>
    public static async Task<Result<CasePage>> QueryAsync(string? status, int? page, int? pageSize, ClaimsPrincipal user, KlachtenDbContext db, CancellationToken cancellationToken, string? search = null)
    {
        var statusValue = ComplaintStatuses.Parse(status);
        if (status is not null && statusValue is null)
        {
            return Refusal.Invalid(new Dictionary<string, string[]> { ["status"] = [$"Onbekende status '{status}'."] });
        }

        if (page < 0 || pageSize is < 1 or > MaxPageSize)
        {
            return Refusal.Invalid(new Dictionary<string, string[]> { ["pageSize"] = [$"page moet 0 of meer zijn en pageSize tussen 1 en {MaxPageSize}."] });
        }

        var name = user.Identity!.Name;
        var query = db.Complaints.AsNoTracking().Where(c => c.ConcernedEmployee != name && c.Manager != name);
        if (statusValue is { } wanted)
        {
            query = query.Where(c => c.Status == wanted);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            // Translated to SQL lower(…) LIKE on both providers; the StringComparison overload is not translatable.
#pragma warning disable CA1862
            query = query.Where(c => c.Reference.ToLower().Contains(term) || c.ComplainantName.ToLower().Contains(term));
#pragma warning restore CA1862
        }

        var size = pageSize ?? 25;
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(c => c.Year).ThenByDescending(c => c.Sequence).Skip((page ?? 0) * size).Take(size).ToListAsync(cancellationToken);
        var items = rows.Select(c => new CaseSummaryRecord(c.Id, c.Reference, c.Status, c.Stage, c.Category, c.ReceivedOn, c.WorkflowInstanceId)).ToList();
        return new CasePage(items, page ?? 0, size, total);
    }

    /// <summary>The concerned employee and manager never see the case (the regulation's impartiality).</summary>
    public static bool IsExcluded(ComplaintEntity complaint, ClaimsPrincipal user) =>
        complaint.Concerns(user.Identity?.Name);

    // Met: done before the instant the term passed. A term that requires a written message (the task names the letter
    // kind) is met only when that letter was sent, as the notification service reported, not when the task was
    // completed. A task withdrawn with its branch (e.g. after a withdrawal) no longer has a term to meet, so it is
    // neither met nor missed.
    private static TermRecord Term(HumanTaskEntity task, IReadOnlyList<LetterEntity> letters, DateTimeOffset now)
    {
        DateTimeOffset? doneAt;
        bool withdrawn;
        if (task.MetByLetter is { } kind)
        {
            var requested = letters.Where(l => l.Kind == kind && l.RequestedAt >= task.CreatedAt).ToList();
            // One letter per addressee (the decision: complainant and manager): met when every one of them was sent.
            doneAt = requested.Count > 0 && requested.All(l => l is { Status: LetterStatus.Sent, SentAt: not null }) ? requested.Max(l => l.SentAt) : null;
            withdrawn = task.Status == HumanTaskStatus.Cancelled && requested.Count == 0;
        }
        else
        {
            doneAt = task.Status == HumanTaskStatus.Completed ? task.CompletedAt : null;
            withdrawn = task.Status == HumanTaskStatus.Cancelled;
        }

        var met = doneAt < task.ExpiresAt;
        bool? state = doneAt is not null ? met : withdrawn ? null : now >= task.ExpiresAt ? false : null;
        return new TermRecord(task.Title, task.Due!.Value, task.ExpiresAt, state, met ? DateOnly.FromDateTime(Local(doneAt)!.Value.DateTime) : null);
    }

    // Stored in UTC; shown with the Dutch offset like every other instant of the API.
    private static DateTimeOffset? Local(DateTimeOffset? instant) => AmsterdamTime.Local(instant);
}
