using System.Globalization;
using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Workflows.Runtime;

namespace Klachten.Server.Features.Complaints;

/// <summary>
/// Keeps the case in step with its workflow, inside the step's transaction: status changes, requested letters and
/// a Dutch timeline. An instance belongs to a complaint when its correlation id is the complaint id.
/// </summary>
internal sealed class ComplaintProjector(KlachtenDbContext db, TimeProvider clock)
{
    public async Task ProjectAsync(RunResult result, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(result.State.CorrelationId, out var complaintId) || result.Effects.Count == 0)
        {
            return;
        }

        var complaint = db.Complaints.Local.FirstOrDefault(c => c.Id == complaintId)
            ?? await db.Complaints.FindAsync([complaintId], cancellationToken);
        if (complaint is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var effect in result.Effects)
        {
            switch (effect)
            {
                case SetCaseStatus status when ComplaintStatus.All.Contains(status.Status) && status.Status != complaint.Status:
                    complaint.Status = status.Status;
                    complaint.UpdatedAt = now;
                    if (status.Status == ComplaintStatus.Received)
                    {
                        // A written complaint after the informal steps continues the same case formally.
                        complaint.Stage = nameof(ComplaintStage.Formal);
                    }

                    Timeline(complaint.Id, now, "Status", status.Note ?? $"Status gewijzigd in {DutchStatus(status.Status)}.");
                    break;
                case PublishMessage { MessageType: "SendLetter" } letter:
                    db.Letters.Add(new LetterEntity
                    {
                        Id = letter.MessageId,
                        ComplaintId = complaint.Id,
                        Kind = letter.Payload["letterKind"]?.GetValue<string>() ?? "onbekend",
                        RecipientsJson = Recipients(letter.Payload).ToJsonString(),
                        Status = "Requested",
                        RequestedAt = now,
                    });
                    Timeline(complaint.Id, now, "LetterRequested", $"Brief '{letter.Payload["letterKind"]}' aangevraagd.");
                    break;
                case CreateHumanTask task:
                    var due = task.Due is { } d ? $" (uiterlijk {d.ToString("d MMMM yyyy", Dutch)})" : string.Empty;
                    Timeline(complaint.Id, now, "TaskCreated", $"Taak '{task.Title}' voor de rol {task.Role}{due}.");
                    ExcludeConcernedPeople(complaint, task);
                    break;
                case TermOverrun overrun:
                    Timeline(complaint.Id, now, "TermOverrun", $"Termijn overschreden: '{overrun.Title}' (rol {overrun.Role}); herinnering verstuurd aan {overrun.Role} en directeur.");
                    break;
            }
        }
    }

    // The regulation's impartiality: the people a complaint is about never handle its director or committee work.
    private void ExcludeConcernedPeople(ComplaintEntity complaint, CreateHumanTask task)
    {
        if (task.Role is not ("directeur" or "klachtencommissie"))
        {
            return;
        }

        var excluded = new[] { complaint.ConcernedEmployee, complaint.Manager }.OfType<string>().ToList();
        var row = db.HumanTasks.Local.FirstOrDefault(t => t.Id == task.TaskId);
        if (row is not null && excluded.Count > 0)
        {
            row.ExcludedUsers = string.Join(',', excluded);
        }
    }

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    private void Timeline(Guid complaintId, DateTimeOffset at, string kind, string text) =>
        db.ComplaintEvents.Add(new ComplaintEventEntity { ComplaintId = complaintId, At = at, Kind = kind, Text = text });

    private static JsonArray Recipients(JsonObject payload)
    {
        var recipients = new JsonArray();
        foreach (var key in new[] { "recipients", "copyTo" })
        {
            foreach (var value in payload[key]?.AsArray() ?? [])
            {
                recipients.Add(new JsonObject { ["role"] = value?.GetValue<string>(), ["copy"] = key == "copyTo" });
            }
        }

        return recipients;
    }

    public static string DutchStatus(string status) => status switch
    {
        ComplaintStatus.Informal => "informeel",
        ComplaintStatus.Received => "ontvangen",
        ComplaintStatus.InConversation => "in gesprek",
        ComplaintStatus.Withdrawn => "ingetrokken",
        ComplaintStatus.WithCommittee => "bij de klachtencommissie",
        ComplaintStatus.AwaitingDecision => "wacht op besluit",
        ComplaintStatus.Decided => "besloten",
        ComplaintStatus.NotAdmissible => "niet-ontvankelijk",
        _ => status,
    };
}
