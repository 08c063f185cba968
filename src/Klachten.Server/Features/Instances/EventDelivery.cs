using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Server.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Instances;

/// <summary>
/// Delivers a named event, for <c>POST /events/{name}/trigger</c> and Elsa's PublishEvent alike: resumes every instance
/// waiting on it (and its correlation id), and, unless aimed at one instance, starts every published workflow whose
/// flowchart has that Event marked "can start workflow", at that Event, with the payload as its input and result.
/// </summary>
internal static class EventDelivery
{
    /// <param name="startSeed">When set, started instances get ids derived from it, so a second delivery of the same message starts nothing again.</param>
    public static async Task<(int Resumed, int Started)> DeliverAsync(KlachtenDbContext db, WorkflowRuntime runtime, string eventName, string? correlationId,
        string? instanceId, JsonObject? payload, string? startSeed, CancellationToken cancellationToken)
    {
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
            var outcome = await runtime.ResumeAsync(id, payload?.DeepClone().AsObject(), guard: null, cancellationToken);
            resumed += outcome.Status == StepStatus.Done ? 1 : 0;
        }

        var started = 0;
        if (instanceId is null)
        {
            foreach (var (definitionId, activityId) in await EventTriggers.FindAsync(db, eventName, cancellationToken))
            {
                var newId = startSeed is null ? null : Guid.Parse(Messaging.ContractJson.StableId($"{startSeed}/{definitionId}")).ToString("N");
                if (newId is not null && await db.WorkflowInstances.AnyAsync(i => i.Id == newId, cancellationToken))
                {
                    continue;
                }

                var outcome = await runtime.StartAsync(definitionId, payload?.DeepClone().AsObject(), correlationId, cancellationToken, newId, triggerActivityId: activityId);
                started += outcome.Status == StepStatus.Done ? 1 : 0;
            }
        }

        return (resumed, started);
    }
}
