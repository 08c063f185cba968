using System.Text.Json.Nodes;
using Klachten.Contracts;
using Klachten.Server.Common;
using Klachten.Server.Messaging;
using Klachten.Server.Persistence;
using Klachten.Server.Runtime;
using Klachten.Workflows.Runtime;

namespace Klachten.Server.Features.Complaints;

/// <summary>
/// Keeps the case in step with its workflow, inside the step's transaction: status changes, requested letters,
/// reminders, dossier documents and a Dutch timeline, each turned from the step's typed effects into the contract
/// message it stands for. An instance belongs to a complaint when its correlation id is the complaint id.
/// </summary>
internal sealed class ComplaintProjector(KlachtenDbContext db, TimeProvider clock, LetterRequests letters, OutboxWriter outbox, ILogger<ComplaintProjector> logger)
    : IStepProjection
{
    /// <summary>Projects one step onto the complaint its instance belongs to.</summary>
    public async Task ProjectAsync(StepContext step, CancellationToken cancellationToken)
    {
        var result = step.Result;
        var complaint = Guid.TryParse(result.State.CorrelationId, out var complaintId)
            ? db.Complaints.Local.FirstOrDefault(c => c.Id == complaintId) ?? await db.Complaints.FindAsync([complaintId], cancellationToken)
            : null;

        // A reminder goes to staff, also for a workflow that belongs to no complaint.
        foreach (var overrun in result.Effects.OfType<TermOverrun>())
        {
            outbox.Add(overrun.MessageId, await letters.ToSendReminderAsync(complaint, overrun, cancellationToken), result.State.Id);
        }

        if (complaint is null)
        {
            // A letter needs a complainant to address; a workflow without a complaint (a test run in Studio) has none.
            foreach (var letter in result.Effects.OfType<RequestLetter>())
            {
                logger.LogWarning("Letter {LetterKind} of instance {InstanceId} not sent: the workflow belongs to no complaint", letter.LetterKind, result.State.Id);
            }

            return;
        }

        var now = clock.GetUtcNow();
        foreach (var effect in result.Effects)
        {
            switch (effect)
            {
                // The engine names the status as text; it becomes the enum here, once. An unknown name changes nothing.
                case SetCaseStatus set when ComplaintStatuses.Parse(set.Status) is { } status && status.IsSetByProcedure() && status != complaint.Status:
                    complaint.Status = status;
                    complaint.UpdatedAt = now;
                    if (status is ComplaintStatus.Received || (status is ComplaintStatus.NotAdmissible && complaint.Stage == nameof(ComplaintStage.Informal)))
                    {
                        // A written complaint after the informal steps continues the same case formally, also when it came
                        // too late: the procedure only judges a written complaint not admissible.
                        complaint.Stage = nameof(ComplaintStage.Formal);
                    }

                    Timeline(complaint.Id, now, "Status", set.Note ?? $"Status gewijzigd in {DutchLabels.StatusInSentence(status)}.");
                    break;
                case RequestLetter letter:
                    await ProjectLetterAsync(complaint, letter, result.State.Id, now, cancellationToken);
                    break;
                case CreateHumanTask task:
                    var due = task.Due is { } d ? $" (uiterlijk {d.ToString("d MMMM yyyy", Dutch.Culture)})" : string.Empty;
                    Timeline(complaint.Id, now, "TaskCreated", $"Taak '{task.Title}' voor de rol {DutchLabels.RoleInSentence(task.Role)}{due}.");
                    ExcludeConcernedPeople(complaint, task);
                    break;
                case HumanTaskCompleted completed:
                    await ArchiveTaskDocumentsAsync(complaint, completed, result.State.Id, now, cancellationToken);
                    break;
                case TermOverrun overrun:
                    Timeline(complaint.Id, now, "TermOverrun", $"Termijn overschreden: '{overrun.Title}' (rol {DutchLabels.RoleInSentence(overrun.Role)}); herinnering verstuurd aan {DutchLabels.RoleInSentence(overrun.Role)} en directeur.");
                    break;
            }
        }

        if (result.State.SubStatus == WorkflowSubStatus.Cancelled)
        {
            FollowCancellation(complaint, step.Actor, now);
        }

        await CloseIfFinishedAsync(complaint, result, now, cancellationToken);
    }

    /// <summary>
    /// The instance was cancelled (only a running one can be, so this step is the only one that sees it): the case
    /// follows as stopped, unless it already has its outcome. The engine cancelled the open tasks and removed every
    /// bookmark and timer in this same step, so nothing of the procedure runs or requests a letter after it.
    /// </summary>
    private void FollowCancellation(ComplaintEntity complaint, string? actor, DateTimeOffset now)
    {
        if (!complaint.Status.IsFinal())
        {
            complaint.Status = ComplaintStatus.Cancelled;
            complaint.UpdatedAt = now;
        }

        Timeline(complaint.Id, now, "Cancelled", $"Procedure afgebroken door {actor ?? "onbekend"}.");
    }

    /// <summary>Decisions written into tasks (report, advice, decision, contact note) go to the dossier, from the task row.</summary>
    private async Task ArchiveTaskDocumentsAsync(ComplaintEntity complaint, HumanTaskCompleted completed, string instanceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var task = db.HumanTasks.Local.FirstOrDefault(t => t.Id == completed.TaskId) ?? await db.HumanTasks.FindAsync([completed.TaskId], cancellationToken);
        if (task?.DataJson is null || JsonNode.Parse(task.DataJson) is not JsonObject data)
        {
            return;
        }

        var author = completed.CompletedBy ?? "onbekend";
        // The committee's explanation is its advice, unless it chose to extend: then it is the extension's reason.
        var extension = completed.Outcome == "Verlengen";
        foreach (var (field, documentKind) in DocumentFields)
        {
            var kind = extension && field == "toelichting" ? "Reden verlenging" : documentKind;
            if (data[field] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text)
            {
                var id = ContractJson.StableId($"{completed.TaskId}/{field}");
                outbox.Add(id, new ArchiveDocument(id, complaint.Id, complaint.Reference, kind, "text/plain; charset=utf-8", author, System.Text.Encoding.UTF8.GetBytes(text), now), instanceId);
            }
        }
    }

    private static readonly (string Field, string Kind)[] DocumentFields =
        [("contactnotitie", "Contactnotitie"), ("rapportage", "Rapportage"), ("toelichting", "Advies"), ("besluit", "Besluit")];

    private async Task CloseIfFinishedAsync(ComplaintEntity complaint, RunResult result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (result.State.Status != WorkflowStatus.Finished || result.State.SubStatus == WorkflowSubStatus.Faulted)
        {
            return;
        }

        var id = ContractJson.StableId($"closed/{result.State.Id}");
        if (await outbox.ContainsAsync(id, cancellationToken))
        {
            return;
        }

        Timeline(complaint.Id, now, "Closed", $"Klacht afgesloten ({DutchLabels.StatusInSentence(complaint.Status)}).");
        outbox.Add(id, new CaseClosed(id, complaint.Id, complaint.Reference, complaint.Status.ToString(), now), result.State.Id);
    }

    /// <summary>
    /// A requested letter becomes one letter per addressee: the decision goes to the complainant and the manager each in
    /// a letter of their own (art. 7), never one letter to both. The copies go with the first addressee's letter, which
    /// names them under "Afschrift aan". The first letter keeps the workflow's message id, the others get stable ids
    /// derived from it, so a replayed step makes the same letters.
    /// </summary>
    private async Task ProjectLetterAsync(ComplaintEntity complaint, RequestLetter letter, string instanceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var request = await letters.ToSendLetterAsync(complaint, letter, now, cancellationToken);
        var addressees = request.Recipients.Where(r => !r.IsCopy).ToList();
        var copies = request.Recipients.Where(r => r.IsCopy).ToList();
        var parts = addressees.Count <= 1
            ? [request]
            : addressees.Select((addressee, i) => request with
            {
                MessageId = i == 0 ? request.MessageId : ContractJson.StableId($"{request.MessageId}/{i}"),
                Recipients = i == 0 ? [addressee, .. copies] : [addressee],
                Fields = new Dictionary<string, string>(request.Fields, StringComparer.Ordinal) { ["addresseeRole"] = addressee.Role },
            }).ToList();
        foreach (var part in parts)
        {
            db.Letters.Add(new LetterEntity
            {
                Id = part.MessageId,
                ComplaintId = complaint.Id,
                Kind = part.LetterKind,
                RecipientsJson = RecipientRoles(part.Recipients).ToJsonString(),
                Status = LetterStatus.Requested,
                RequestedAt = now,
            });
            var to = parts.Count > 1 ? $" aan {part.Recipients[0].Name}" : string.Empty;
            Timeline(complaint.Id, now, "LetterRequested", $"Brief '{DutchLabels.LetterKind(part.LetterKind)}'{to} aangevraagd.");
            outbox.Add(part.MessageId, part, instanceId);
        }
    }

    // The case view keeps roles, not names: one entry per role, the copy flag as asked.
    private static JsonArray RecipientRoles(IEnumerable<LetterRecipient> recipients) =>
        new([.. recipients.DistinctBy(r => (r.Role, r.IsCopy)).Select(r => (JsonNode)new JsonObject { ["role"] = r.Role, ["copy"] = r.IsCopy })]);

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

    private void Timeline(Guid complaintId, DateTimeOffset at, string kind, string text) =>
        db.ComplaintEvents.Add(new ComplaintEventEntity { ComplaintId = complaintId, At = at, Kind = kind, Text = text });
}
