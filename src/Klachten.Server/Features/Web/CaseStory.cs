using System.Text.Json.Nodes;
using Klachten.Server.Features.Complaints;
using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Web;

/// <summary>
/// The case page's account of what happened, step by step: each task of the procedure with who did it and when, the
/// outcome, every text entered (notes, report, advice, decision) and the comment. People appear by display name.
/// </summary>
internal sealed record CaseStory(IReadOnlyList<CaseStory.Step> Steps, IReadOnlyDictionary<string, string> People)
{
    internal sealed record Step(
        string TaskId,
        string Title,
        string Role,
        HumanTaskStatus Status,
        DateTimeOffset CreatedAt,
        DateOnly? Due,
        bool Overdue,
        string? Assignee,
        string? CompletedBy,
        DateTimeOffset? CompletedAt,
        string? Outcome,
        IReadOnlyList<(string Label, string Text)> Texts,
        string? Comment);

    public static readonly CaseStory Empty = new([], new Dictionary<string, string>());

    public IEnumerable<Step> Waiting => Steps.Where(s => s.Status == HumanTaskStatus.Open);

    /// <summary>A user's display name (a user name that is not known shows as it is).</summary>
    public string Person(string? userName) => userName is null ? "—" : People.GetValueOrDefault(userName, userName);

    public static async Task<CaseStory> LoadAsync(KlachtenDbContext db, string instanceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tasks = await db.HumanTasks.AsNoTracking().Where(t => t.InstanceId == instanceId).OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken);
        var names = await new PeopleDirectory(db).NamesAsync();
        string? Name(string? userName) => userName is null ? null : names.GetValueOrDefault(userName, userName);

        return new CaseStory(tasks.Select(t => new Step(
            t.Id,
            t.Title,
            t.Role,
            t.Status,
            t.CreatedAt,
            t.Due,
            t.Status == HumanTaskStatus.Open && t.ExpiresAt is { } expires && now >= expires,
            Name(t.Assignee),
            Name(t.CompletedBy),
            t.CompletedAt,
            t.Outcome,
            Texts(t.DataJson),
            string.IsNullOrWhiteSpace(t.Comment) ? null : t.Comment)).ToList(), names);
    }

    // The data a task was completed with (its required fields), each under its Dutch label.
    private static List<(string Label, string Text)> Texts(string? dataJson)
    {
        if (dataJson is null || JsonNode.Parse(dataJson) is not JsonObject data)
        {
            return [];
        }

        return [.. data.Where(p => p.Value is JsonValue v && v.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text))
            .Select(p => (DutchLabels.TaskField(p.Key), p.Value!.GetValue<string>()))];
    }
}
