using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Runtime;

namespace Klachten.Server.Features.Instances;

/// <summary>Elsa's activity status of one execution.</summary>
internal enum ActivityExecutionStatus
{
    Running,
    Completed,
    Canceled,
    Faulted,
}

/// <summary>One activity execution, folded from its journal lines (this runtime keeps no separate execution table).</summary>
internal sealed class ActivityExecution
{
    public required string Id { get; init; }
    public required string InstanceId { get; init; }
    public required string ActivityId { get; init; }
    public required string ActivityNodeId { get; init; }
    public required string ActivityType { get; init; }
    public string? ActivityName { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; set; }
    public ActivityExecutionStatus Status { get; set; }
    public bool HasBookmarks { get; set; }
    public int FaultCount { get; set; }
    public string? FaultMessage { get; set; }
    public JsonObject Payload { get; } = [];
    public JsonObject ActivityState { get; } = [];
    public JsonObject? Outputs { get; set; }
}

/// <summary>Folds journal lines into executions, and maps them to Elsa's summary, record and stats shapes.</summary>
internal static class ActivityExecutionRecords
{
    /// <summary>Executions in start order. <paramref name="journal"/> must hold every line of each execution, by sequence.</summary>
    public static List<ActivityExecution> Fold(IEnumerable<JournalEntryEntity> journal, WorkflowState state)
    {
        var executions = new Dictionary<string, ActivityExecution>(StringComparer.Ordinal);
        var order = new List<ActivityExecution>();
        foreach (var entry in journal)
        {
            if (!executions.TryGetValue(entry.ExecutionId, out var execution))
            {
                execution = new ActivityExecution
                {
                    Id = entry.ExecutionId,
                    InstanceId = entry.InstanceId,
                    ActivityId = entry.ActivityId,
                    ActivityNodeId = entry.ActivityNodeId,
                    ActivityType = entry.ActivityType,
                    ActivityName = entry.ActivityName,
                    StartedAt = entry.Timestamp,
                };
                executions.Add(entry.ExecutionId, execution);
                order.Add(execution);
            }

            Apply(execution, entry);
        }

        var bookmarked = state.Bookmarks.Select(b => b.ExecutionId).ToHashSet(StringComparer.Ordinal);
        foreach (var execution in order)
        {
            execution.HasBookmarks = bookmarked.Contains(execution.Id);
        }

        // State keeps the outputs of an activity's latest completion only.
        foreach (var latest in order.Where(e => e.Status == ActivityExecutionStatus.Completed).GroupBy(e => e.ActivityId).Select(g => g.Last()))
        {
            latest.Outputs = state.Outputs.GetValueOrDefault(latest.ActivityId);
        }

        return order;
    }

    private static void Apply(ActivityExecution execution, JournalEntryEntity entry)
    {
        switch (entry.EventName)
        {
            case "Completed":
                execution.Status = ActivityExecutionStatus.Completed;
                execution.CompletedAt = entry.Timestamp;
                break;
            case "Faulted":
                execution.Status = ActivityExecutionStatus.Faulted;
                execution.FaultCount++;
                execution.FaultMessage = entry.Message;
                break;
            case "Cancelled" or "Canceled":
                // Elsa leaves completedAt empty for a cancelled activity.
                execution.Status = ActivityExecutionStatus.Canceled;
                break;
            default:
                // Started (also again on retry), Suspended, Resumed.
                execution.Status = ActivityExecutionStatus.Running;
                break;
        }

        if (ElsaInstanceMapper.ParseOrNull(entry.PayloadJson) is JsonObject payload)
        {
            foreach (var (key, value) in payload)
            {
                if (key == JournalEntry.ActivityStateKey && value is JsonObject evaluated)
                {
                    // Resume evaluates again; merge so inputs read only at the start stay visible.
                    foreach (var (input, inputValue) in evaluated)
                    {
                        execution.ActivityState[input] = inputValue?.DeepClone();
                    }
                }
                else
                {
                    execution.Payload[key] = value?.DeepClone();
                }
            }
        }
    }

    public static JsonObject ToSummary(ActivityExecution execution) => new()
    {
        ["id"] = execution.Id,
        ["workflowInstanceId"] = execution.InstanceId,
        ["activityId"] = execution.ActivityId,
        ["activityNodeId"] = execution.ActivityNodeId,
        ["activityType"] = execution.ActivityType,
        ["activityTypeVersion"] = 1,
        ["activityName"] = execution.ActivityName,
        ["startedAt"] = execution.StartedAt,
        ["hasBookmarks"] = execution.HasBookmarks,
        ["metadata"] = new JsonObject(),
        ["status"] = execution.Status.ToString(),
        ["completedAt"] = execution.CompletedAt,
    };

    public static JsonObject ToRecord(ActivityExecution execution)
    {
        var record = ToSummary(execution);
        record["activityState"] = ElsaActivityState(execution.ActivityType, execution.ActivityState);
        record["payload"] = execution.Payload.DeepClone();
        record["outputs"] = execution.Outputs?.DeepClone() ?? new JsonObject();
        record["properties"] = new JsonObject();
        record["exception"] = execution.FaultMessage is { } message
            ? new JsonObject { ["type"] = "Klachten.ActivityFault", ["message"] = message, ["stackTrace"] = null, ["innerException"] = null }
            : null;
        record["aggregateFaultCount"] = execution.FaultCount;
        record["schedulingActivityExecutionId"] = null;
        record["schedulingActivityId"] = null;
        record["schedulingWorkflowInstanceId"] = null;
        record["callStackDepth"] = 0;
        return record;
    }

    /// <summary>
    /// The evaluated inputs keyed as Elsa keys <c>ActivityState</c>: by the input descriptor's name (<c>Text</c>, not the
    /// activity JSON key <c>text</c>). Studio's viewer looks each descriptor input up by that exact name in a
    /// case-sensitive dictionary, so camelCase keys showed every input of a clicked activity as empty. A key that is no
    /// input of the type (none today) is kept as it is.
    /// </summary>
    public static JsonObject ElsaActivityState(string activityType, JsonObject? evaluated)
    {
        var names = ActivityCatalog.Default.InputsOf(activityType).ToDictionary(ListInputs.Key, i => i.Name, StringComparer.Ordinal);
        var state = new JsonObject();
        foreach (var (key, value) in evaluated ?? [])
        {
            state[names.GetValueOrDefault(key, key)] = value?.DeepClone();
        }

        return state;
    }

    /// <summary>Elsa's per-node stats (only nodes that ran appear, as in Elsa).</summary>
    public static JsonArray ToStats(IEnumerable<ActivityExecution> executions) =>
        new(executions.GroupBy(e => e.ActivityNodeId, StringComparer.Ordinal).Select(g => (JsonNode)new JsonObject
        {
            ["activityId"] = g.First().ActivityId,
            ["activityNodeId"] = g.Key,
            ["startedCount"] = g.Count(),
            ["completedCount"] = g.Count(e => e.CompletedAt is not null),
            ["uncompletedCount"] = g.Count(e => e.CompletedAt is null),
            ["isBlocked"] = g.Any(e => e.HasBookmarks),
            ["isFaulted"] = g.Any(e => e.Status == ActivityExecutionStatus.Faulted),
            ["metadata"] = new JsonObject(),
        }).ToArray());
}
