using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Definitions;

/// <summary>Removing versions and definitions: only what nothing can run on (drafts, never-published definitions).</summary>
internal sealed partial class DefinitionStore
{
    /// <summary>Deletes a draft version; the version before it becomes the latest again. False when not found.</summary>
    public Task<bool> DeleteVersionAsync(string versionId, CancellationToken cancellationToken) =>
        InTransactionAsync(versionId, async () =>
        {
            var target = await db.WorkflowDefinitionVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
            if (target is null)
            {
                return false;
            }

            await db.LockDefinitionAsync(target.DefinitionId, cancellationToken);
            var version = await db.WorkflowDefinitionVersions.SingleAsync(v => v.Id == versionId, cancellationToken);
            if (version.State != DefinitionVersionState.Draft)
            {
                throw new DefinitionConflictException($"Versie {version.Version} is geen concept; alleen concepten kunnen worden verwijderd.");
            }

            var header = await db.WorkflowDefinitions.SingleAsync(d => d.DefinitionId == version.DefinitionId, cancellationToken);
            db.WorkflowDefinitionVersions.Remove(version);
            await db.SaveChangesAsync(cancellationToken);
            var previous = await db.WorkflowDefinitionVersions.Where(v => v.DefinitionId == version.DefinitionId).OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken);
            if (previous is null)
            {
                db.WorkflowDefinitions.Remove(header);
            }
            else
            {
                previous.IsLatest = true;
                header.LatestVersion = previous.Version;
            }

            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken, lockFirst: false);

    /// <summary>Deletes a definition that was never published (nothing can run on it). False when not found.</summary>
    public Task<bool> DeleteDefinitionAsync(string definitionId, CancellationToken cancellationToken) =>
        InTransactionAsync(definitionId, async () =>
        {
            var header = await db.WorkflowDefinitions.FirstOrDefaultAsync(d => d.DefinitionId == definitionId, cancellationToken);
            if (header is null)
            {
                return false;
            }

            if (await db.WorkflowDefinitionVersions.AnyAsync(v => v.DefinitionId == definitionId && v.State != DefinitionVersionState.Draft, cancellationToken))
            {
                throw new DefinitionConflictException($"Workflow '{definitionId}' is gepubliceerd geweest en kan niet worden verwijderd; trek hem in.");
            }

            db.WorkflowDefinitions.Remove(header);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);
}
