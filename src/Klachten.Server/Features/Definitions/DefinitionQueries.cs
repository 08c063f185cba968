using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Definitions;

internal static class DefinitionQueries
{
    public static IQueryable<WorkflowDefinitionVersionEntity> Select(this IQueryable<WorkflowDefinitionVersionEntity> query, VersionOptions options) =>
        options.Selector switch
        {
            VersionSelector.Latest => query.Where(v => v.IsLatest),
            VersionSelector.Published => query.Where(v => v.State == DefinitionVersionState.Published),
            VersionSelector.LatestOrPublished or VersionSelector.LatestAndPublished =>
                query.Where(v => v.IsLatest || v.State == DefinitionVersionState.Published),
            VersionSelector.Draft => query.Where(v => v.State == DefinitionVersionState.Draft),
            VersionSelector.SpecificVersion => query.Where(v => v.Version == options.Version),
            _ => query,
        };

    /// <summary>One version of a definition; with several matches (LatestOrPublished) the highest version wins.</summary>
    public static Task<WorkflowDefinitionVersionEntity?> FindVersionAsync(this KlachtenDbContext db, string definitionId, VersionOptions options, CancellationToken cancellationToken) =>
        db.WorkflowDefinitionVersions.AsNoTracking()
            .Where(v => v.DefinitionId == definitionId)
            .Select(options)
            .OrderByDescending(v => v.Version)
            .FirstOrDefaultAsync(cancellationToken);
}
