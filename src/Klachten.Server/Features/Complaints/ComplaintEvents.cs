using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Klachten.Contracts;
using Klachten.Server.Common;
using Klachten.Server.Features.Definitions;
using Klachten.Server.Persistence;
using Klachten.Server.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Complaints;

/// <summary>
/// What the complainant does outside the task inbox: withdraw the complaint (at any point), or submit it in writing
/// after the informal steps. Each resumes the procedure's waiting event for this case.
/// </summary>
internal static class ComplaintEvents
{
    /// <summary>The procedure's event for a withdrawal; it listens for it beside the other steps from the formal stage on.</summary>
    public const string WithdrawalEvent = "KlachtIngetrokken";

    /// <summary>The procedure's event for the written complaint after the informal steps.</summary>
    public const string WrittenComplaintEvent = "SchriftelijkeKlachtOntvangen";

    public static async Task<IResult> WithdrawAsync(Guid id, ClaimsPrincipal user, KlachtenDbContext db, WorkflowRuntime runtime, CancellationToken cancellationToken) =>
        (await RecordWithdrawalAsync(id, user, db, runtime, cancellationToken)).ToHttp(c => TypedResults.Ok(c.ToJson()));

    /// <summary>The withdrawal itself; the API and the staff app's form.</summary>
    public static Task<Result<ComplaintRef>> RecordWithdrawalAsync(Guid id, ClaimsPrincipal user, KlachtenDbContext db, WorkflowRuntime runtime, CancellationToken cancellationToken) =>
        ResumeAsync(id, WithdrawalEvent, null, user, db, runtime, "De klacht kan nu niet worden ingetrokken (de procedure is afgerond of wacht daar niet op).", cancellationToken);

    public static async Task<IResult> WrittenComplaintAsync(Guid id, HttpRequest request, ClaimsPrincipal user, KlachtenDbContext db, WorkflowRuntime runtime, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (node, error) = await RequestBody.ReadJsonAsync(request, 4096, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var text = node?["receivedOn"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return (await RecordWrittenComplaintAsync(id, text, user, db, runtime, clock, cancellationToken)).ToHttp(c => TypedResults.Ok(c.ToJson()));
    }

    /// <summary>The written complaint received on <paramref name="receivedOnText"/> (yyyy-MM-dd); the API and the staff app's form.</summary>
    public static async Task<Result<ComplaintRef>> RecordWrittenComplaintAsync(Guid id, string? receivedOnText, ClaimsPrincipal user, KlachtenDbContext db, WorkflowRuntime runtime, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Existence and exclusion first: the date check below compares with the complaint's own receivedOn, which must
        // not become a way to probe a complaint the caller may not see.
        var complaint = await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (complaint is null || GetComplaint.IsExcluded(complaint, user))
        {
            return Refusal.NotFound($"Klacht '{id}' bestaat niet.");
        }

        var today = AmsterdamTime.Today(clock.GetUtcNow());
        if (!DateOnly.TryParseExact(receivedOnText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var receivedOn)
            || receivedOn > today
            || receivedOn < complaint.ReceivedOn)
        {
            return Refusal.Invalid(new Dictionary<string, string[]>
            {
                ["receivedOn"] = ["Geef de ontvangstdatum van de schriftelijke klacht als JJJJ-MM-DD: niet in de toekomst en niet vóór de eerste ontvangst van de klacht."],
            });
        }

        // The right lapses two years after the event, counted to the written complaint as at registration (the
        // procedure sends the same letter and sets the same status).
        var payload = new JsonObject
        {
            ["receivedOn"] = receivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["lapsed"] = ComplaintValidator.IsLapsed(complaint.EventDate, receivedOn),
        };
        return await ResumeAsync(id, WrittenComplaintEvent, payload, user, db, runtime, "Deze klacht wacht niet op een schriftelijke klacht.", cancellationToken);
    }

    private static async Task<Result<ComplaintRef>> ResumeAsync(Guid id, string eventName, JsonObject? payload, ClaimsPrincipal user, KlachtenDbContext db,
        WorkflowRuntime runtime, string notWaiting, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (complaint is null || GetComplaint.IsExcluded(complaint, user))
        {
            return Refusal.NotFound($"Klacht '{id}' bestaat niet.");
        }

        var bookmarkId = await db.Bookmarks.AsNoTracking()
            .Where(b => b.InstanceId == complaint.WorkflowInstanceId && b.Kind == "Event" && b.EventName == eventName)
            .Select(b => b.Id).FirstOrDefaultAsync(cancellationToken);
        var outcome = bookmarkId is null ? null : await runtime.ResumeAsync(bookmarkId, payload, guard: null, cancellationToken);
        if (outcome?.Status != StepStatus.Done)
        {
            return Refusal.Conflict(notWaiting);
        }

        var updated = await db.Complaints.AsNoTracking().FirstAsync(c => c.Id == id, cancellationToken);
        return ComplaintRef.Of(updated);
    }
}
