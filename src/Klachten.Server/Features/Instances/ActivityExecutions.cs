using System.Security.Claims;
using System.Text.Json.Nodes;
using Klachten.Server.Common;
using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Instances;

/// <summary>
/// Elsa's activity-execution endpoints that drive the viewer's node badges and activity panels, computed from the
/// journal and the instance's current bookmarks.
/// </summary>
internal static class ActivityExecutions
{
    internal sealed record ReportRequest(string? WorkflowInstanceId = null, string[]? ActivityNodeIds = null);

    public static async Task<IResult> ReportAsync(HttpRequest request, KlachtenDbContext db, CancellationToken cancellationToken)
    {
        var (body, error) = await InstanceRequests.ReadAsync(request, new ReportRequest(), cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(body!.WorkflowInstanceId))
        {
            return MissingInstanceId();
        }

        if (await InstanceAccess.IsExcludedAsync(db, request.HttpContext.User, body.WorkflowInstanceId, cancellationToken))
        {
            return InstanceRequests.NotFound(body.WorkflowInstanceId);
        }

        var executions = await LoadAsync(db, body.WorkflowInstanceId, body.ActivityNodeIds, cancellationToken);
        return executions is null
            ? InstanceRequests.NotFound(body.WorkflowInstanceId)
            : TypedResults.Json(new JsonObject { ["stats"] = ActivityExecutionRecords.ToStats(executions) });
    }

    public static Task<IResult> ListSummariesAsync(string? workflowInstanceId, string? activityNodeId, bool? completed, KlachtenDbContext db, CancellationToken cancellationToken) =>
        ListAsync(workflowInstanceId, activityNodeId, completed, ActivityExecutionRecords.ToSummary, db, cancellationToken);

    public static Task<IResult> ListRecordsAsync(string? workflowInstanceId, string? activityNodeId, bool? completed, KlachtenDbContext db, CancellationToken cancellationToken) =>
        ListAsync(workflowInstanceId, activityNodeId, completed, ActivityExecutionRecords.ToRecord, db, cancellationToken);

    public static async Task<IResult> ByIdAsync(string? id, KlachtenDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return ProblemResponses.Validation(new Dictionary<string, string[]> { ["id"] = ["Geef het id van de activiteituitvoering."] });
        }

        var instanceId = await db.JournalEntries.AsNoTracking().Where(j => j.ExecutionId == id).Select(j => j.InstanceId).FirstOrDefaultAsync(cancellationToken);
        var state = instanceId is null || await InstanceAccess.IsExcludedAsync(db, user, instanceId, cancellationToken)
            ? null
            : await InstanceRequests.FindAsync(db, instanceId, cancellationToken);
        if (state is not (_, var workflowState))
        {
            return ProblemResponses.NotFound($"Activiteituitvoering '{id}' bestaat niet.");
        }

        var journal = await db.JournalEntries.AsNoTracking()
            .Where(j => j.InstanceId == instanceId && j.ExecutionId == id)
            .OrderBy(j => j.Sequence)
            .ToListAsync(cancellationToken);
        var execution = ActivityExecutionRecords.Fold(journal, workflowState).Single();
        return TypedResults.Json(ActivityExecutionRecords.ToRecord(execution));
    }

    private static async Task<IResult> ListAsync(
        string? workflowInstanceId,
        string? activityNodeId,
        bool? completed,
        Func<ActivityExecution, JsonObject> map,
        KlachtenDbContext db,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(workflowInstanceId))
        {
            return MissingInstanceId();
        }

        var executions = await LoadAsync(db, workflowInstanceId, activityNodeId is null ? null : [activityNodeId], cancellationToken);
        if (executions is null)
        {
            return InstanceRequests.NotFound(workflowInstanceId);
        }

        var items = executions
            .Where(e => completed is null || completed == e.CompletedAt.HasValue)
            .Select(e => (JsonNode)map(e))
            .ToArray();
        return TypedResults.Json(new JsonObject { ["items"] = new JsonArray(items), ["count"] = items.Length });
    }

    /// <summary>The executions of the given nodes (all nodes when null), or null when the instance does not exist.</summary>
    private static async Task<List<ActivityExecution>?> LoadAsync(KlachtenDbContext db, string instanceId, string[]? nodeIds, CancellationToken cancellationToken)
    {
        if (await InstanceRequests.FindAsync(db, instanceId, cancellationToken) is not (_, var state))
        {
            return null;
        }

        var query = db.JournalEntries.AsNoTracking().Where(j => j.InstanceId == instanceId);
        query = nodeIds is null ? query : query.Where(j => nodeIds.Contains(j.ActivityNodeId));
        var journal = await query.OrderBy(j => j.Sequence).ToListAsync(cancellationToken);
        return ActivityExecutionRecords.Fold(journal, state);
    }

    private static IResult MissingInstanceId() =>
        ProblemResponses.Validation(new Dictionary<string, string[]> { ["workflowInstanceId"] = ["Geef het id van de workflowinstantie."] });
}
