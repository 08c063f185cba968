using System.Text.Json;
using Klachten.Contracts;
using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Tasks;

/// <summary>A task as the API shows it, with the complaint its workflow instance belongs to (if any).</summary>
internal sealed record TaskResponse(
    string Id,
    string Title,
    string? ComplaintId,
    string? ComplaintReference,
    string Role,
    string? Assignee,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<HumanTaskStatus>))] HumanTaskStatus Status,
    DateOnly? Due,
    DateTimeOffset? ExpiresAt,
    bool Overdue,
    IReadOnlyList<string> Outcomes,
    int Version,
    string WorkflowInstanceId,
    string? Description,
    string? Explanation,
    IReadOnlyList<string> RequiredFields,
    string? Outcome,
    string? Comment,
    string? CompletedBy,
    DateTimeOffset? CompletedAt)
{
    public static TaskResponse From(HumanTaskEntity task, DateTimeOffset now, (Guid Id, string Reference)? complaint = null) => new(
        task.Id,
        task.Title,
        complaint?.Id.ToString(),
        complaint?.Reference,
        task.Role,
        task.Assignee,
        task.Status,
        task.Due,
        Local(task.ExpiresAt),
        task.Status == HumanTaskStatus.Open && task.ExpiresAt is { } expiresAt && now >= expiresAt,
        OutcomesOf(task),
        task.Version,
        task.InstanceId,
        task.Description,
        task.Explanation,
        RequiredFieldsOf(task),
        task.Outcome,
        task.Comment,
        task.CompletedBy,
        Local(task.CompletedAt));

    /// <summary>The task with the complaint its instance belongs to, as the list shows it (claim and complete answer the same shape).</summary>
    public static async Task<TaskResponse> WithComplaintAsync(HumanTaskEntity task, KlachtenDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.AsNoTracking().Where(c => c.WorkflowInstanceId == task.InstanceId)
            .Select(c => new { c.Id, c.Reference }).FirstOrDefaultAsync(cancellationToken);
        return From(task, now, complaint is null ? null : (complaint.Id, complaint.Reference));
    }

    public static IReadOnlyList<string> OutcomesOf(HumanTaskEntity task) => ReadList(task.OutcomesJson);

    public static IReadOnlyList<string> RequiredFieldsOf(HumanTaskEntity task) => ReadList(task.RequiredFieldsJson);

    /// <summary>Outcomes the workflow refuses in this situation, each with its Dutch reason (e.g. a second extension).</summary>
    public static IReadOnlyDictionary<string, string> RefusedOutcomesOf(HumanTaskEntity task) =>
        task.RefusedOutcomesJson is { } json && System.Text.Json.Nodes.JsonNode.Parse(json) is System.Text.Json.Nodes.JsonObject refused
            ? refused.Where(p => p.Value is System.Text.Json.Nodes.JsonValue).ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    private static string[] ReadList(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];

    // Stored in UTC; shown with the Dutch offset, as the terms endpoints do.
    private static DateTimeOffset? Local(DateTimeOffset? instant) => AmsterdamTime.Local(instant);
}
