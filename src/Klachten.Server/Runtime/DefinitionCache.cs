using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Runtime;

/// <summary>
/// Definition versions as the engine runs them. A version an instance runs on never changes after publication, so
/// it is parsed once per process; only published or retracted versions are cached (drafts may still change).
/// </summary>
internal sealed class DefinitionCache
{
    private const int Limit = 256;
    private readonly ConcurrentDictionary<string, WorkflowDefinitionModel> _versions = new(StringComparer.Ordinal);

    public async Task<WorkflowDefinitionModel?> GetAsync(KlachtenDbContext db, string versionId, CancellationToken cancellationToken)
    {
        if (_versions.TryGetValue(versionId, out var cached))
        {
            return cached;
        }

        var version = await db.WorkflowDefinitionVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (version is null)
        {
            return null;
        }

        // Workflows used as activities are put in first; a version that uses an unpinned (latest published) child is
        // not cached, so a newly published child is picked up by the next run.
        var json = JsonNode.Parse(version.Json)!;
        var cacheable = await WorkflowActivities.InlineAsync(db, json, version.DefinitionId, cancellationToken);
        var model = ToModel(version, json.ToJsonString());
        if (version.State != DefinitionVersionState.Draft && cacheable)
        {
            if (_versions.Count >= Limit)
            {
                _versions.Clear();
            }

            _versions[versionId] = model;
        }

        return model;
    }

    public static WorkflowDefinitionModel ToModel(WorkflowDefinitionVersionEntity version, string? json = null)
    {
        var model = DefinitionJson.Parse(json ?? version.Json);
        model.Id = version.Id;
        model.DefinitionId = version.DefinitionId;
        model.Version = version.Version;
        model.Name = version.Name;
        DefinitionNormalizer.Normalize(model);
        return model;
    }
}
