using Klachten.Server.Persistence;
using Klachten.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Definitions;

/// <summary>
/// Versioned definitions: draft → published → retracted. Every change runs in one transaction holding the
/// definition's lock, and unique indexes back up "at most one published, one draft and one latest version".
/// </summary>
internal sealed partial class DefinitionStore(KlachtenDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Saves a validated, normalised model as Studio does: overwrite the latest draft, or start version n+1 when the
    /// latest is published or retracted; then publish it when asked.
    /// </summary>
    public async Task<WorkflowDefinitionVersionEntity> SaveAsync(WorkflowDefinitionModel model, bool publish, string? user, CancellationToken cancellationToken)
    {
        model.DefinitionId = string.IsNullOrWhiteSpace(model.DefinitionId) ? DefinitionNormalizer.NewId() : model.DefinitionId;
        var definitionId = model.DefinitionId;
        return await InTransactionAsync(definitionId, async () =>
        {
            var now = clock.GetUtcNow();
            await db.EnsureDefinitionRowAsync(definitionId, model.Name!, now, cancellationToken);
            await db.LockDefinitionAsync(definitionId, cancellationToken);
            var header = await db.WorkflowDefinitions.SingleAsync(d => d.DefinitionId == definitionId, cancellationToken);
            var latest = await db.WorkflowDefinitionVersions.SingleOrDefaultAsync(v => v.DefinitionId == definitionId && v.IsLatest, cancellationToken);
            WorkflowDefinitionVersionEntity version;
            if (latest?.State == DefinitionVersionState.Draft)
            {
                version = latest;
                Overwrite(version, model, now);
            }
            else
            {
                if (latest is not null)
                {
                    // Flip the old latest first: the unique "latest" index is checked per statement.
                    latest.IsLatest = false;
                    await db.SaveChangesAsync(cancellationToken);
                }

                version = NewVersion(model, (latest?.Version ?? 0) + 1, user, now);
                db.WorkflowDefinitionVersions.Add(version);
                header.LatestVersion = version.Version;
            }

            header.Name = model.Name!;

            await db.SaveChangesAsync(cancellationToken);
            if (publish)
            {
                await PublishLatestAsync(header, now, cancellationToken);
            }

            return version;
        }, cancellationToken, lockFirst: false);
    }

    /// <summary>The published version as a normalised model, for publish-time comparison; null when none is.</summary>
    public async Task<WorkflowDefinitionModel?> PublishedModelAsync(string? definitionId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(definitionId))
        {
            return null;
        }

        var json = await db.WorkflowDefinitionVersions.AsNoTracking()
            .Where(v => v.DefinitionId == definitionId && v.State == DefinitionVersionState.Published)
            .Select(v => v.Json)
            .FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : DefinitionNormalizer.Normalize(DefinitionJson.Parse(json));
    }

    /// <summary>Publishes the latest version; 409 when it is already the published one.</summary>
    public Task<WorkflowDefinitionVersionEntity?> PublishAsync(string definitionId, CancellationToken cancellationToken) =>
        InTransactionAsync(definitionId, async () =>
        {
            var header = await db.WorkflowDefinitions.FirstOrDefaultAsync(d => d.DefinitionId == definitionId, cancellationToken);
            return header is null ? null : await PublishLatestAsync(header, clock.GetUtcNow(), cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Elsa's revert: a copy of an earlier version becomes the latest version, as a draft (the published version
    /// stays in use until it is published). Elsa adds version n+1 and leaves an existing draft behind as an older
    /// version; here at most one draft exists, so an existing latest draft is overwritten, as a save would.
    /// Null when the definition or the version does not exist.
    /// </summary>
    public Task<WorkflowDefinitionVersionEntity?> RevertAsync(string definitionId, int versionNumber, string? user, CancellationToken cancellationToken) =>
        InTransactionAsync(definitionId, async () =>
        {
            var source = await db.WorkflowDefinitionVersions.AsNoTracking().FirstOrDefaultAsync(v => v.DefinitionId == definitionId && v.Version == versionNumber, cancellationToken);
            if (source is null)
            {
                return null;
            }

            var header = await db.WorkflowDefinitions.SingleAsync(d => d.DefinitionId == definitionId, cancellationToken);
            var latest = await db.WorkflowDefinitionVersions.SingleAsync(v => v.DefinitionId == definitionId && v.IsLatest, cancellationToken);
            var now = clock.GetUtcNow();
            var model = DefinitionJson.Parse(source.Json);
            model.DefinitionId = definitionId;
            model.Name = source.Name;
            model.Description = source.Description;
            if (latest.State == DefinitionVersionState.Draft)
            {
                Overwrite(latest, model, now);
                header.Name = source.Name;
                await db.SaveChangesAsync(cancellationToken);
                return latest;
            }

            latest.IsLatest = false;
            await db.SaveChangesAsync(cancellationToken);
            var version = NewVersion(model, latest.Version + 1, user, now);
            db.WorkflowDefinitionVersions.Add(version);
            header.LatestVersion = version.Version;
            header.Name = source.Name;
            await db.SaveChangesAsync(cancellationToken);
            return version;
        }, cancellationToken);

    /// <summary>Takes the published version out of use; new instances cannot start until a version is published again.</summary>
    public Task<WorkflowDefinitionVersionEntity?> RetractAsync(string definitionId, CancellationToken cancellationToken) =>
        InTransactionAsync(definitionId, async () =>
        {
            var header = await db.WorkflowDefinitions.FirstOrDefaultAsync(d => d.DefinitionId == definitionId, cancellationToken);
            if (header is null)
            {
                return null;
            }

            var published = await db.WorkflowDefinitionVersions.FirstOrDefaultAsync(v => v.DefinitionId == definitionId && v.State == DefinitionVersionState.Published, cancellationToken)
                ?? throw new DefinitionConflictException($"Workflow '{definitionId}' is niet gepubliceerd.");
            published.State = DefinitionVersionState.Retracted;
            published.UpdatedAt = clock.GetUtcNow();
            header.PublishedVersion = null;
            await ReplaceScheduleAsync(definitionId, null, published.UpdatedAt, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return published;
        }, cancellationToken);

    /// <summary>Adds a shipped definition as published version 1 unless its definition id is already known.</summary>
    public async Task<bool> ImportIfUnknownAsync(WorkflowDefinitionModel model, CancellationToken cancellationToken)
    {
        var definitionId = model.DefinitionId!;
        if (await db.WorkflowDefinitions.AnyAsync(d => d.DefinitionId == definitionId, cancellationToken))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var version = NewVersion(model, 1, "import", now);
        version.State = DefinitionVersionState.Published;
        version.PublishedAt = now;
        db.WorkflowDefinitions.Add(new WorkflowDefinitionEntity { DefinitionId = definitionId, Name = model.Name!, CreatedAt = now, LatestVersion = 1, PublishedVersion = 1 });
        db.WorkflowDefinitionVersions.Add(version);
        await ReplaceScheduleAsync(definitionId, version, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (db.IsConcurrencyConflict(ex))
        {
            // Another node imported it at the same moment.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private async Task<WorkflowDefinitionVersionEntity> PublishLatestAsync(WorkflowDefinitionEntity header, DateTimeOffset now, CancellationToken cancellationToken, HashSet<string>? visited = null)
    {
        var latest = await db.WorkflowDefinitionVersions.SingleAsync(v => v.DefinitionId == header.DefinitionId && v.IsLatest, cancellationToken);
        if (latest.State == DefinitionVersionState.Published)
        {
            throw new DefinitionConflictException($"Versie {latest.Version} van workflow '{header.DefinitionId}' is al gepubliceerd.");
        }

        var previous = await db.WorkflowDefinitionVersions.FirstOrDefaultAsync(v => v.DefinitionId == header.DefinitionId && v.State == DefinitionVersionState.Published, cancellationToken);
        if (previous is not null)
        {
            previous.State = DefinitionVersionState.Retracted;
            previous.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        latest.State = DefinitionVersionState.Published;
        latest.PublishedAt = now;
        latest.UpdatedAt = now;
        header.PublishedVersion = latest.Version;
        await ReplaceScheduleAsync(header.DefinitionId, latest, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await UpdateConsumersAsync(latest, now, visited ?? new HashSet<string>(StringComparer.Ordinal), cancellationToken);
        return latest;
    }

    private async Task<T> InTransactionAsync<T>(string definitionId, Func<Task<T>> work, CancellationToken cancellationToken, bool lockFirst = true)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (lockFirst)
            {
                await db.LockDefinitionAsync(definitionId, cancellationToken);
            }

            var result = await work();
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (Exception ex) when (db.IsConcurrencyConflict(ex))
        {
            // A concurrent change on another connection won the race (e.g. two creates of one new definition).
            throw new DefinitionConflictException($"Workflow '{definitionId}' is tegelijk door iemand anders gewijzigd; probeer het opnieuw.");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static WorkflowDefinitionVersionEntity NewVersion(WorkflowDefinitionModel model, int number, string? user, DateTimeOffset now) => new()
    {
        Id = DefinitionNormalizer.NewId(),
        DefinitionId = model.DefinitionId!,
        Version = number,
        Name = model.Name!,
        Description = model.Description,
        State = DefinitionVersionState.Draft,
        IsLatest = true,
        Json = StoredJson(model),
        CreatedAt = now,
        UpdatedAt = now,
        CreatedBy = user,
    };

    private static void Overwrite(WorkflowDefinitionVersionEntity version, WorkflowDefinitionModel model, DateTimeOffset now)
    {
        version.Name = model.Name!;
        version.Description = model.Description;
        version.Json = StoredJson(model);
        version.UpdatedAt = now;
    }

    /// <summary>Server-managed fields are computed on read, so the stored JSON never contradicts the columns.</summary>
    private static string StoredJson(WorkflowDefinitionModel model)
    {
        var copy = DefinitionJson.Clone(model);
        copy.Id = null;
        copy.Version = 0;
        copy.IsLatest = null;
        copy.IsPublished = null;
        copy.CreatedAt = null;
        copy.Extra?.Remove("links");
        copy.Extra?.Remove("materializerName");
        copy.Extra?.Remove("isMaterializerAvailable");
        return DefinitionJson.Serialize(copy);
    }
}
