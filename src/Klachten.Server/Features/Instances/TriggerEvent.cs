using System.Text.Json.Nodes;
using Klachten.Server.Common;
using Klachten.Server.Features.Definitions;
using Klachten.Server.Persistence;
using Klachten.Server.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Instances;

/// <summary>
/// Elsa's <c>POST /events/{eventName}/trigger</c>: resumes every instance waiting on that event (and correlation), and
/// (unless aimed at one instance) starts every published workflow whose flowchart has that Event marked "can start
/// workflow", at that Event, with the payload as its input and result.
/// </summary>
internal static class TriggerEvent
{
    public static async Task<IResult> HandleAsync(string eventName, HttpRequest request, KlachtenDbContext db, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        JsonObject? body = null;
        if (request.ContentLength is > 0)
        {
            var (node, error) = await RequestBody.ReadJsonAsync(request, 256 * 1024, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            body = node as JsonObject;
        }

        var correlationId = body?["correlationId"]?.GetValue<string>();
        var instanceId = body?["workflowInstanceId"]?.GetValue<string>();
        var query = db.Bookmarks.AsNoTracking().Where(b => b.Kind == "Event" && b.EventName == eventName);
        if (correlationId is not null)
        {
            query = query.Where(b => b.CorrelationId == correlationId);
        }

        if (instanceId is not null)
        {
            query = query.Where(b => b.InstanceId == instanceId);
        }

        var bookmarkIds = await query.OrderBy(b => b.CreatedAt).Select(b => b.Id).Take(1000).ToListAsync(cancellationToken);
        var resumed = 0;
        foreach (var id in bookmarkIds)
        {
            var outcome = await runtime.ResumeAsync(id, body?["payload"] as JsonObject, guard: null, cancellationToken);
            resumed += outcome.Status == StepStatus.Done ? 1 : 0;
        }

        var started = 0;
        if (instanceId is null)
        {
            foreach (var (definitionId, activityId) in await EventTriggers.FindAsync(db, eventName, cancellationToken))
            {
                var outcome = await runtime.StartAsync(definitionId, body?["payload"]?.DeepClone() as JsonObject, correlationId, cancellationToken, triggerActivityId: activityId);
                started += outcome.Status == StepStatus.Done ? 1 : 0;
            }
        }

        return TypedResults.Json(new JsonObject { ["resumedCount"] = resumed, ["startedCount"] = started });
    }
}
