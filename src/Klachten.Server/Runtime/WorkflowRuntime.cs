using System.Text.Json.Nodes;
using Klachten.Server.Features.Definitions;
using Klachten.Server.Persistence;
using Klachten.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Klachten.Server.Runtime;

/// <summary>
/// Runs engine steps against the database: one transaction per step that locks the instance, reads its state
/// after the lock, runs the engine and writes state, bookmarks, journal, tasks and outbox rows before committing.
/// A bookmark is therefore resumed at most once, however many nodes or requests race for it.
/// </summary>
internal sealed partial class WorkflowRuntime(
    KlachtenDbContext db,
    WorkflowEngine engine,
    DefinitionCache definitions,
    StepWriter writer,
    TimerSignal timerSignal,
    Messaging.OutboxSignal outboxSignal,
    Messaging.OutboxWriter outbox,
    HttpRequestSignal httpRequestSignal,
    TimeProvider clock,
    IOptions<RuntimeOptions> options,
    ILogger<WorkflowRuntime> logger)
{
    /// <summary>Starts an instance on the published version of a definition.</summary>
    /// <param name="versionOptions">Which version runs; the published one when null. Elsa's designer runs <c>Latest</c>, a draft included (a test run).</param>
    public async Task<StepOutcome> StartAsync(string definitionId, JsonObject? input, string? correlationId, CancellationToken cancellationToken, string? instanceId = null, VersionOptions? versionOptions = null, string? triggerActivityId = null, ParentLink? parent = null)
    {
        instanceId ??= Guid.CreateVersion7().ToString("N");
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["WorkflowInstanceId"] = instanceId });
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await StartWithinAsync(definitionId, input, correlationId, cancellationToken, instanceId, versionOptions, triggerActivityId, parent);
        if (result is null)
        {
            return StepOutcome.NotFound(versionOptions is null or { Selector: VersionSelector.Published }
                ? $"Workflow '{definitionId}' heeft geen gepubliceerde versie."
                : $"Workflow '{definitionId}' heeft geen versie die bij '{versionOptions.Value.Selector}' past.");
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        AfterCommit(result);
        logger.LogInformation("Started workflow instance on {DefinitionId} v{Version}: {SubStatus}", definitionId, result.State.DefinitionVersion, result.State.SubStatus);
        return new StepOutcome(StepStatus.Done, result.State) { Effects = result.Effects };
    }

    /// <summary>
    /// Starts an instance inside the caller's transaction (e.g. with the complaint it belongs to): the caller saves,
    /// commits and then calls <see cref="AfterCommit"/>. Null when the definition has no published version.
    /// </summary>
    public async Task<RunResult?> StartWithinAsync(string definitionId, JsonObject? input, string? correlationId, CancellationToken cancellationToken, string? instanceId = null, VersionOptions? versionOptions = null, string? triggerActivityId = null, ParentLink? parent = null)
    {
        var result = await StartCoreAsync(definitionId, input, correlationId, instanceId, versionOptions, triggerActivityId, parent, cancellationToken);
        if (result is not null)
        {
            await ResumeParentAsync(result.State, cancellationToken);
        }

        return result;
    }

    // A start without its parent's resumption: a child started within its parent's step is taken up by the parent there.
    private async Task<RunResult?> StartCoreAsync(string definitionId, JsonObject? input, string? correlationId, string? instanceId, VersionOptions? versionOptions, string? triggerActivityId, ParentLink? parent, CancellationToken cancellationToken)
    {
        var versionId = await db.WorkflowDefinitionVersions.AsNoTracking()
            .Where(v => v.DefinitionId == definitionId)
            .Select(versionOptions ?? new VersionOptions(VersionSelector.Published))
            .OrderByDescending(v => v.Version)
            .Select(v => v.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (versionId is null)
        {
            return null;
        }

        // Telemetry: the span whose traceparent the step's outbox rows carry (see Features/Telemetry).
        using var activity = Features.Telemetry.ServerTelemetry.StartStep("start", instanceId ??= Guid.CreateVersion7().ToString("N"), definitionId);
        var definition = (await definitions.GetAsync(db, versionId, cancellationToken))!;
        var result = await RunChildrenAsync(definition, engine.Start(definition, instanceId, input, correlationId, triggerActivityId, parent), cancellationToken);
        await writer.WriteAsync(result, previous: null, name: definition.Name, actor: null, cancellationToken);
        await NotifyIfTimerDueSoonAsync(result, new HashSet<string>(), cancellationToken);
        return result;
    }

    /// <summary>
    /// Resumes a bookmark. <paramref name="guard"/> runs inside the transaction after the instance lock (e.g. the
    /// task update); returning a message rejects the step and nothing is written.
    /// </summary>
    public async Task<StepOutcome> ResumeAsync(string bookmarkId, JsonObject? input, Func<WorkflowState, Task<string?>>? guard, CancellationToken cancellationToken)
    {
        var instanceId = await db.Bookmarks.AsNoTracking().Where(b => b.Id == bookmarkId).Select(b => b.InstanceId).FirstOrDefaultAsync(cancellationToken);
        if (instanceId is null)
        {
            return StepOutcome.AlreadyHandled($"Bookmark '{bookmarkId}' bestaat niet (meer).");
        }

        return await StepAsync(instanceId, (definition, state) =>
        {
            var result = engine.Resume(definition, state, bookmarkId, input);
            return result;
        }, guard, actor: null, cancellationToken);
    }

    /// <summary>Cancels a running instance; <paramref name="cancelledBy"/> is named on the case timeline of its complaint.</summary>
    public Task<StepOutcome> CancelAsync(string instanceId, string? cancelledBy, CancellationToken cancellationToken) =>
        StepAsync(instanceId, (definition, state) => state.Status == WorkflowStatus.Running ? engine.Cancel(definition, state) : null, null, cancelledBy, cancellationToken);

    /// <summary>Retries the faulted activities of a faulted instance.</summary>
    public Task<StepOutcome> RetryAsync(string instanceId, CancellationToken cancellationToken) =>
        StepAsync(instanceId, (definition, state) => state.SubStatus == WorkflowSubStatus.Faulted ? engine.Retry(definition, state) : null, null, actor: null, cancellationToken);

    private async Task<StepOutcome> StepAsync(
        string instanceId,
        Func<Workflows.Definitions.WorkflowDefinitionModel, WorkflowState, RunResult?> step,
        Func<WorkflowState, Task<string?>>? guard,
        string? actor,
        CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["WorkflowInstanceId"] = instanceId });
        // Telemetry: the span whose traceparent the step's outbox rows carry (see Features/Telemetry).
        using var activity = Features.Telemetry.ServerTelemetry.StartStep("step", instanceId);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var (outcome, result) = await StepWithinAsync(instanceId, step, guard, actor, cancellationToken);
            if (result is null)
            {
                return outcome;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            AfterCommit(result);
            return outcome;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another writer changed the instance between our read and write (only possible without a row lock).
            return StepOutcome.AlreadyHandled("De workflow is tegelijk door een andere stap gewijzigd.");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>One step inside the caller's transaction: lock, read, run, write; a finished child resumes its waiting parent.</summary>
    private async Task<(StepOutcome Outcome, RunResult? Result)> StepWithinAsync(
        string instanceId,
        Func<Workflows.Definitions.WorkflowDefinitionModel, WorkflowState, RunResult?> step,
        Func<WorkflowState, Task<string?>>? guard,
        string? actor,
        CancellationToken cancellationToken)
    {
        await db.LockInstanceAsync(instanceId, cancellationToken);
        var instance = await db.WorkflowInstances.FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
        if (instance is null)
        {
            return (StepOutcome.NotFound($"Workflowinstantie '{instanceId}' bestaat niet."), null);
        }

        var state = WorkflowStateJson.Deserialize(instance.StateJson);
        var previousBookmarks = state.Bookmarks.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        if (guard is not null && await guard(state) is { } rejection)
        {
            return (StepOutcome.Rejected(rejection), null);
        }

        var definition = await definitions.GetAsync(db, state.DefinitionVersionId, cancellationToken)
            ?? throw new InvalidOperationException($"Definition version {state.DefinitionVersionId} of instance {instanceId} is missing.");
        var result = step(definition, state);
        if (result is null)
        {
            return (StepOutcome.AlreadyHandled("Deze stap is al uitgevoerd of niet (meer) mogelijk."), null);
        }

        result = await RunChildrenAsync(definition, result, cancellationToken);
        await writer.WriteAsync(result, new PreviousStep(instance, previousBookmarks), definition.Name, actor, cancellationToken);
        await NotifyIfTimerDueSoonAsync(result, previousBookmarks, cancellationToken);
        await ResumeParentAsync(result.State, cancellationToken);
        return (new StepOutcome(StepStatus.Done, result.State), result);
    }

    // Timers due later are found by the timer loop's own schedule; only a soon-due one needs waking.
    private bool HasTimerDueSoon(RunResult result, IReadOnlySet<string> previousBookmarks) =>
        result.State.Bookmarks.Any(b => b.Kind == BookmarkKind.Timer && !previousBookmarks.Contains(b.Id)
            && b.DueAt <= clock.GetUtcNow() + options.Value.TimerPollInterval);

    private async Task NotifyIfTimerDueSoonAsync(RunResult result, IReadOnlySet<string> previousBookmarks, CancellationToken cancellationToken)
    {
        if (HasTimerDueSoon(result, previousBookmarks))
        {
            await db.NotifyTimersAsync(cancellationToken);
        }
    }

    /// <summary>Wakes the outbox relay and the local timer loop for what the committed step (and the children and parents it ran) produced.</summary>
    public void AfterCommit(RunResult result)
    {
        var nested = _nested.ToList();
        _nested.Clear();
        foreach (var other in nested)
        {
            AfterCommit(other);
        }

        if (result.Effects.Count > 0)
        {
            outboxSignal.Wake();
        }

        if (result.State.Bookmarks.Any(b => b.Kind == BookmarkKind.Timer && b.DueAt <= clock.GetUtcNow() + options.Value.TimerPollInterval))
        {
            timerSignal.Wake();
        }

        if (result.State.Bookmarks.Any(b => b.Kind == BookmarkKind.HttpRequest))
        {
            httpRequestSignal.Wake();
        }
    }
}

/// <summary>The instance row and bookmark ids as they were before the step.</summary>
internal sealed record PreviousStep(WorkflowInstanceEntity Instance, IReadOnlySet<string> BookmarkIds);
