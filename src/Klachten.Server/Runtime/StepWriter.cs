using System.Text.Json;
using Klachten.Server.Persistence;
using Klachten.Workflows.Runtime;

namespace Klachten.Server.Runtime;

/// <summary>
/// Adds everything a step produced to the unit of work: state, bookmark rows, journal and task rows; then each
/// feature's projection adds its rows and messages (a case, its letters) from the step's typed effects.
/// </summary>
internal sealed class StepWriter(KlachtenDbContext db, TimeProvider clock, IEnumerable<IStepProjection> projections)
{
    /// <summary>Adds the step's rows to the unit of work; the caller saves and commits.</summary>
    /// <param name="result">The step's result.</param>
    /// <param name="previous">The instance as it was before the step; null for a start.</param>
    /// <param name="name">The definition's name, for a new instance.</param>
    /// <param name="actor">The user who caused the step, where one did (cancel); the case timeline names them.</param>
    /// <param name="cancellationToken">Cancels the database reads.</param>
    public async Task WriteAsync(RunResult result, PreviousStep? previous, string? name, string? actor, CancellationToken cancellationToken)
    {
        var state = result.State;
        var instance = previous?.Instance ?? new WorkflowInstanceEntity
        {
            Id = state.Id,
            DefinitionId = state.DefinitionId,
            DefinitionVersionId = state.DefinitionVersionId,
            Version = state.DefinitionVersion,
            Status = string.Empty,
            SubStatus = string.Empty,
            StateJson = string.Empty,
            Name = name,
            CreatedAt = state.CreatedAt,
        };
        instance.Status = state.Status.ToString();
        instance.SubStatus = state.SubStatus.ToString();
        instance.CorrelationId = state.CorrelationId;
        instance.Name = state.Name ?? instance.Name;
        instance.IncidentCount = state.Incidents.Count;
        instance.StateJson = WorkflowStateJson.Serialize(state);
        instance.UpdatedAt = state.UpdatedAt;
        instance.FinishedAt = state.FinishedAt;
        instance.Revision++;
        if (previous is null)
        {
            db.WorkflowInstances.Add(instance);
        }

        WriteBookmarks(state, previous?.BookmarkIds ?? new HashSet<string>());
        foreach (var entry in result.Journal)
        {
            db.JournalEntries.Add(new JournalEntryEntity
            {
                InstanceId = state.Id,
                Sequence = entry.Sequence,
                Timestamp = entry.Timestamp,
                ActivityId = entry.ActivityId,
                ActivityNodeId = entry.ActivityNodeId,
                ActivityType = entry.ActivityType,
                ActivityName = entry.ActivityName,
                ExecutionId = entry.ExecutionId,
                EventName = entry.EventName,
                Message = entry.Message,
                PayloadJson = entry.Payload?.ToJsonString(),
            });
        }

        foreach (var effect in result.Effects)
        {
            await ApplyAsync(state, effect, cancellationToken);
        }

        foreach (var projection in projections)
        {
            await projection.ProjectAsync(new StepContext(result, actor), cancellationToken);
        }
    }

    private void WriteBookmarks(WorkflowState state, IReadOnlySet<string> previousIds)
    {
        var currentIds = state.Bookmarks.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        var removed = previousIds.Where(id => !currentIds.Contains(id)).ToList();
        if (removed.Count > 0)
        {
            // Deleted through the change tracker so it commits with the rest of the step.
            foreach (var id in removed)
            {
                var stub = new BookmarkEntity { Id = id, InstanceId = state.Id, Kind = string.Empty, ActivityId = string.Empty, ActivityNodeId = string.Empty, ActivityType = string.Empty };
                db.Bookmarks.Attach(stub);
                db.Bookmarks.Remove(stub);
            }
        }

        foreach (var bookmark in state.Bookmarks.Where(b => !previousIds.Contains(b.Id)))
        {
            db.Bookmarks.Add(new BookmarkEntity
            {
                Id = bookmark.Id,
                InstanceId = state.Id,
                Kind = bookmark.Kind.ToString(),
                ActivityId = bookmark.ActivityId,
                ActivityNodeId = bookmark.ActivityNodeId,
                ActivityType = bookmark.ActivityType,
                DueAt = bookmark.DueAt?.ToUniversalTime(),
                EventName = bookmark.EventName,
                CorrelationId = bookmark.CorrelationId,
                TaskId = bookmark.TaskId,
                CreatedAt = state.UpdatedAt,
            });
        }
    }

    private async Task ApplyAsync(WorkflowState state, WorkflowEffect effect, CancellationToken cancellationToken)
    {
        switch (effect)
        {
            case CreateHumanTask task:
                db.HumanTasks.Add(new HumanTaskEntity
                {
                    Id = task.TaskId,
                    InstanceId = state.Id,
                    BookmarkId = task.BookmarkId,
                    ActivityId = task.ActivityId,
                    ActivityNodeId = task.ActivityNodeId,
                    Title = task.Title,
                    Role = task.Role,
                    Description = task.Description,
                    OutcomesJson = JsonSerializer.Serialize(task.Outcomes),
                    RequiredFieldsJson = JsonSerializer.Serialize(task.RequiredFields),
                    RefusedOutcomesJson = task.RefusedOutcomes is { Count: > 0 } refused ? JsonSerializer.Serialize(refused) : null,
                    Assignee = task.Assignee,
                    Due = task.Due,
                    ExpiresAt = task.ExpiresAt?.ToUniversalTime(),
                    Explanation = task.Explanation,
                    MetByLetter = task.MetByLetter,
                    Status = HumanTaskStatus.Open,
                    CreatedAt = clock.GetUtcNow(),
                    Version = 1,
                });
                break;
            case CancelHumanTask cancel:
                var open = db.HumanTasks.Local.FirstOrDefault(t => t.Id == cancel.TaskId) ?? await db.HumanTasks.FindAsync([cancel.TaskId], cancellationToken);
                if (open is { Status: HumanTaskStatus.Open })
                {
                    open.Status = HumanTaskStatus.Cancelled;
                    open.Version++;
                }

                break;
            case TermOverrun overrun:
                // The reminder itself is the projections' work: they know whom it concerns.
                var late = db.HumanTasks.Local.FirstOrDefault(t => t.Id == overrun.TaskId) ?? await db.HumanTasks.FindAsync([overrun.TaskId], cancellationToken);
                if (late is { Status: HumanTaskStatus.Open })
                {
                    late.OverrunAt = overrun.ExpiresAt.ToUniversalTime();
                }

                break;
        }
    }
}
