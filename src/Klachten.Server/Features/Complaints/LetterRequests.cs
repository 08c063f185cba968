using System.Text.Json;
using System.Text.Json.Nodes;
using Klachten.Contracts;
using Klachten.Server.Persistence;
using Klachten.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Complaints;

/// <summary>
/// Turns the workflow's letter and reminder requests (roles only: the workflow holds no personal data) into the
/// contract messages the notification service needs: people with names and addresses, and the template's fields.
/// </summary>
internal sealed class LetterRequests(KlachtenDbContext db)
{
    public async Task<SendLetter> ToSendLetterAsync(ComplaintEntity complaint, RequestLetter request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recipients = new List<LetterRecipient>();
        foreach (var (roles, copy) in new[] { (request.Recipients, false), (request.CopyTo, true) })
        {
            foreach (var role in roles)
            {
                recipients.AddRange(await ResolveAsync(complaint, role, copy, cancellationToken));
            }
        }

        return new SendLetter(request.MessageId, complaint.Id, complaint.Reference, request.LetterKind, recipients,
            [.. request.Attachments], await FieldsAsync(complaint, now, cancellationToken), now);
    }

    /// <summary>A term overrun reminds the responsible role and the director; without a complaint, all of them.</summary>
    public async Task<SendReminder> ToSendReminderAsync(ComplaintEntity? complaint, TermOverrun overrun, CancellationToken cancellationToken)
    {
        var recipients = new List<LetterRecipient>();
        foreach (var role in new[] { overrun.Role, "directeur" }.Distinct(StringComparer.Ordinal))
        {
            recipients.AddRange(await StaffAsync(role, complaint, copy: false, cancellationToken));
        }

        return new SendReminder(overrun.MessageId, complaint?.Id, complaint?.Reference, overrun.TaskId, overrun.Title, recipients, overrun.ExpiresAt);
    }

    private async Task<IEnumerable<LetterRecipient>> ResolveAsync(ComplaintEntity complaint, string role, bool copy, CancellationToken cancellationToken) => role switch
    {
        "klager" => [new LetterRecipient(role, complaint.ComplainantName, complaint.ComplainantEmail, complaint.ComplainantPostalAddress, copy)],
        "vertegenwoordiger" when complaint.RepresentativeName is not null =>
            [new LetterRecipient(role, complaint.RepresentativeName, complaint.RepresentativeEmail, null, copy)],
        "vertegenwoordiger" => [],
        "leidinggevende" => await UserAsync(complaint.Manager, role, copy, cancellationToken),
        _ => await StaffAsync(role, complaint, copy, cancellationToken),
    };

    private async Task<IEnumerable<LetterRecipient>> UserAsync(string userName, string role, bool copy, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == userName, cancellationToken);
        return user is null ? [] : [new LetterRecipient(role, user.DisplayName, user.Email, null, copy)];
    }

    // Everyone in a staff role, except the people the complaint is about.
    private async Task<IEnumerable<LetterRecipient>> StaffAsync(string role, ComplaintEntity? complaint, bool copy, CancellationToken cancellationToken)
    {
        // A disabled account no longer works here: it gets no copies.
        var users = await db.Users.AsNoTracking().Where(u => u.DisabledAt == null).ToListAsync(cancellationToken);
        return users
            .Where(u => u.Roles.Split(',').Contains(role, StringComparer.Ordinal))
            .Where(u => complaint is null || (u.UserName != complaint.ConcernedEmployee && u.UserName != complaint.Manager))
            .OrderBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => new LetterRecipient(role, u.DisplayName, u.Email, null, copy));
    }

    private async Task<Dictionary<string, string>> FieldsAsync(ComplaintEntity complaint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["reference"] = complaint.Reference,
            ["today"] = Day(AmsterdamTime.Today(now)),
            ["complainantName"] = complaint.ComplainantName,
            ["receivedOn"] = Day(complaint.ReceivedOn),
            ["eventDate"] = Day(complaint.EventDate),
            ["category"] = DutchLabels.CategoryInSentence(complaint.Category),
            ["representativeName"] = complaint.RepresentativeName ?? string.Empty,
        };

        // The term that runs now (the newest open task with a term) and the committee's advice, if given.
        // Rows changed in this very step (a task just completed or created) are only in the change tracker yet.
        var byId = (await db.HumanTasks.AsNoTracking().Where(t => t.InstanceId == complaint.WorkflowInstanceId).ToListAsync(cancellationToken))
            .ToDictionary(t => t.Id, StringComparer.Ordinal);
        foreach (var local in db.HumanTasks.Local.Where(t => t.InstanceId == complaint.WorkflowInstanceId))
        {
            byId[local.Id] = local;
        }

        var tasks = byId.Values.ToList();
        if (tasks.Where(t => t is { Status: HumanTaskStatus.Open, Due: not null }).OrderByDescending(t => t.CreatedAt).FirstOrDefault() is { } open)
        {
            fields["due"] = Day(open.Due!.Value);
            fields["explanation"] = open.Explanation ?? string.Empty;
            fields["task"] = open.Title;
        }

        if (tasks.Where(t => t is { Role: "klachtencommissie", Status: HumanTaskStatus.Completed }).OrderByDescending(t => t.CompletedAt).FirstOrDefault() is { } advice)
        {
            fields["outcome"] = advice.Outcome ?? string.Empty;
            fields["advice"] = Text(advice.DataJson, "toelichting");
        }

        if (tasks.FirstOrDefault(t => t is { Role: "directeur", Status: HumanTaskStatus.Completed } && Text(t.DataJson, "besluit").Length > 0) is { } decision)
        {
            fields["decision"] = Text(decision.DataJson, "besluit");
        }

        return fields;
    }

    private static string Day(DateOnly date) => date.ToString("d MMMM yyyy", Common.Dutch.Culture);

    private static string Text(string? json, string field)
    {
        if (json is null)
        {
            return string.Empty;
        }

        return JsonNode.Parse(json)?[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : string.Empty;
    }
}
