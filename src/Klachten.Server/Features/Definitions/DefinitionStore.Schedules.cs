using Klachten.Server.Persistence;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Definitions;

/// <summary>Workflows that start on a schedule: the schedule follows the published version (fired by the timer loop).</summary>
internal sealed partial class DefinitionStore
{
    /// <summary>
    /// Replaces a definition's schedule inside the current transaction: the published version's Timer, StartAt and
    /// Cron starts, or none when <paramref name="published"/> is null (retracted). Saved with the caller's changes.
    /// </summary>
    private async Task ReplaceScheduleAsync(string definitionId, WorkflowDefinitionVersionEntity? published, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.TriggerSchedules.Where(t => t.DefinitionId == definitionId).ExecuteDeleteAsync(cancellationToken);
        if (published is null || !published.Json.Contains("canStartWorkflow", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var start in ScheduledStarts.Find(DefinitionJson.Parse(published.Json)))
        {
            if (start.FirstDue(now) is { } due)
            {
                db.TriggerSchedules.Add(new TriggerScheduleEntity
                {
                    Id = Guid.CreateVersion7().ToString("N"),
                    DefinitionId = definitionId,
                    DefinitionVersionId = published.Id,
                    ActivityId = start.ActivityId,
                    ActivityType = start.ActivityType,
                    DueAt = due,
                    CreatedAt = now,
                });
            }
        }
    }
}
