using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Instances;

/// <summary>
/// <c>/workflow-instances/{id}/journal</c>: the execution log as Elsa's records, ordered by sequence. As in Elsa, a
/// filter list that is null does not filter, and an empty list of ids or event names matches nothing.
/// </summary>
internal static class InstanceJournal
{
    private const int MaxTake = 1000;

    internal sealed record Filter(string[]? ActivityIds = null, string[]? ActivityNodeIds = null, string[]? ExcludedActivityTypes = null, string[]? EventNames = null);

    internal sealed record Request(Filter? Filter = null);

    public static async Task<IResult> PostAsync(string id, int? skip, int? take, HttpRequest request, KlachtenDbContext db, CancellationToken cancellationToken)
    {
        var (body, error) = await InstanceRequests.ReadAsync(request, new Request(), cancellationToken);
        return error ?? await ListAsync(id, skip, take, body!.Filter ?? new Filter(), db, cancellationToken);
    }

    public static Task<IResult> GetAsync(string id, int? skip, int? take, KlachtenDbContext db, CancellationToken cancellationToken) =>
        ListAsync(id, skip, take, new Filter(), db, cancellationToken);

    private static async Task<IResult> ListAsync(string id, int? skip, int? take, Filter filter, KlachtenDbContext db, CancellationToken cancellationToken)
    {
        if (skip < 0 || take < 0)
        {
            return Common.ProblemResponses.Validation(new Dictionary<string, string[]> { [skip < 0 ? "skip" : "take"] = ["Moet 0 of meer zijn."] });
        }

        if (!await InstanceRequests.ExistsAsync(db, id, cancellationToken))
        {
            return InstanceRequests.NotFound(id);
        }

        var query = Apply(db.JournalEntries.AsNoTracking().Where(j => j.InstanceId == id), filter);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(j => j.Sequence).Skip(skip ?? 0).Take(Math.Min(take ?? MaxTake, MaxTake)).ToListAsync(cancellationToken);
        return TypedResults.Json(new JsonObject
        {
            ["items"] = new JsonArray(rows.Select(r => (JsonNode)ToRecord(r)).ToArray()),
            ["totalCount"] = total,
        });
    }

    private static IQueryable<JournalEntryEntity> Apply(IQueryable<JournalEntryEntity> query, Filter filter)
    {
        query = filter.ActivityIds is { } activityIds ? query.Where(j => activityIds.Contains(j.ActivityId)) : query;
        query = filter.ActivityNodeIds is { } nodeIds ? query.Where(j => nodeIds.Contains(j.ActivityNodeId)) : query;
        query = filter.ExcludedActivityTypes is { Length: > 0 } excluded ? query.Where(j => !excluded.Contains(j.ActivityType)) : query;
        return filter.EventNames is { } eventNames ? query.Where(j => eventNames.Contains(j.EventName)) : query;
    }

    /// <summary>Elsa's <c>ExecutionLogRecord</c>; the activity instance is the engine's execution id.</summary>
    public static JsonObject ToRecord(JournalEntryEntity entry)
    {
        var payload = ElsaInstanceMapper.ParseOrNull(entry.PayloadJson) as JsonObject;
        var evaluated = payload?[Klachten.Workflows.Runtime.JournalEntry.ActivityStateKey] as JsonObject;
        payload?.Remove(Klachten.Workflows.Runtime.JournalEntry.ActivityStateKey);
        var record = Record(entry);
        record["activityState"] = evaluated is null ? null : ActivityExecutionRecords.ElsaActivityState(entry.ActivityType, evaluated);
        record["payload"] = payload;
        return record;
    }

    private static JsonObject Record(JournalEntryEntity entry) => new()
    {
        ["id"] = $"{entry.InstanceId}-{entry.Sequence}",
        ["activityInstanceId"] = entry.ExecutionId,
        ["parentActivityInstanceId"] = null,
        ["activityId"] = entry.ActivityId,
        ["activityType"] = entry.ActivityType,
        ["activityTypeVersion"] = 1,
        ["activityName"] = entry.ActivityName,
        ["nodeId"] = entry.ActivityNodeId,
        ["timestamp"] = entry.Timestamp,
        ["sequence"] = entry.Sequence,
        ["eventName"] = entry.EventName,
        ["message"] = entry.Message,
        ["source"] = null,
    };
}
