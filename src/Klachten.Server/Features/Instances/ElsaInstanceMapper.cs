using System.Text.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Workflows.Runtime;

namespace Klachten.Server.Features.Instances;

/// <summary>Instances in Elsa's response shapes (summary, workflowState).</summary>
internal static class ElsaInstanceMapper
{
    public static JsonObject ToWorkflowState(WorkflowState state) => new()
    {
        ["id"] = state.Id,
        ["definitionId"] = state.DefinitionId,
        ["definitionVersionId"] = state.DefinitionVersionId,
        ["definitionVersion"] = state.DefinitionVersion,
        ["correlationId"] = state.CorrelationId,
        ["parentWorkflowInstanceId"] = state.ParentInstanceId,
        ["status"] = state.Status.ToString(),
        ["subStatus"] = state.SubStatus.ToString(),
        ["bookmarks"] = new JsonArray(state.Bookmarks.Select(b => (JsonNode?)new JsonObject
        {
            ["id"] = b.Id,
            ["name"] = b.ActivityType,
            ["hash"] = b.Id,
            ["payload"] = Payload(b),
            ["activityNodeId"] = b.ActivityNodeId,
            ["activityInstanceId"] = b.ExecutionId,
            ["autoBurn"] = true,
            ["callbackMethodName"] = null,
            ["metadata"] = null,
        }).ToArray()),
        ["incidents"] = new JsonArray(state.Incidents.Select(i => (JsonNode?)new JsonObject
        {
            ["activityId"] = i.ActivityId,
            ["activityNodeId"] = i.ActivityNodeId,
            ["activityType"] = i.ActivityType,
            ["message"] = i.Message,
            ["exception"] = new JsonObject { ["type"] = "Klachten.ActivityFault", ["message"] = i.Message },
            ["timestamp"] = i.Timestamp,
        }).ToArray()),
        ["fault"] = state.Incidents.Count > 0 && state.SubStatus == WorkflowSubStatus.Faulted
            ? new JsonObject { ["message"] = state.Incidents[^1].Message, ["faultedActivityId"] = state.Incidents[^1].ActivityId }
            : null,
        ["completionCallbacks"] = new JsonArray(),
        ["activityExecutionContexts"] = new JsonArray(),
        ["input"] = state.Input.DeepClone(),
        ["output"] = state.Output.DeepClone(),
        ["properties"] = Properties(state),
        ["createdAt"] = state.CreatedAt,
        ["updatedAt"] = state.UpdatedAt,
        ["finishedAt"] = state.FinishedAt,
    };

    public static JsonObject ToSummary(WorkflowInstanceEntity instance) => new()
    {
        ["id"] = instance.Id,
        ["definitionId"] = instance.DefinitionId,
        ["definitionVersionId"] = instance.DefinitionVersionId,
        ["version"] = instance.Version,
        ["status"] = instance.Status,
        ["subStatus"] = instance.SubStatus,
        ["correlationId"] = instance.CorrelationId,
        ["name"] = instance.Name,
        ["incidentCount"] = instance.IncidentCount,
        ["createdAt"] = instance.CreatedAt,
        ["updatedAt"] = instance.UpdatedAt,
        ["finishedAt"] = instance.FinishedAt,
    };

    /// <summary>Elsa's <c>GET /workflow-instances/{id}</c> shape: the summary fields plus <c>workflowState</c>.</summary>
    public static JsonObject ToDetail(WorkflowInstanceEntity instance, WorkflowState state)
    {
        var detail = ToSummary(instance);
        detail["parentWorkflowInstanceId"] = state.ParentInstanceId;
        detail["workflowState"] = ToWorkflowState(state);
        return detail;
    }

    // Elsa keeps a child's parent (and whether it waits) in the state's properties too.
    private static JsonObject Properties(WorkflowState state) => state.ParentInstanceId is null
        ? []
        : state.ParentBookmarkId is null
            ? new JsonObject { ["ParentInstanceId"] = state.ParentInstanceId }
            : new JsonObject { ["ParentInstanceId"] = state.ParentInstanceId, ["WaitForCompletion"] = true };

    private static JsonObject Payload(Bookmark bookmark)
    {
        var payload = bookmark.Payload?.DeepClone().AsObject() ?? [];
        payload["kind"] = bookmark.Kind.ToString();
        // A queued HTTP request's token is sent, never shown.
        payload.Remove("authorization");
        if (bookmark.DueAt is { } due)
        {
            payload["resumeAt"] = due;
        }

        if (bookmark.EventName is { } name)
        {
            payload["eventName"] = name;
        }

        if (bookmark.TaskId is { } taskId)
        {
            payload["taskId"] = taskId;
        }

        return payload;
    }

    public static JsonNode? ParseOrNull(string? json) => json is null ? null : JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
}
