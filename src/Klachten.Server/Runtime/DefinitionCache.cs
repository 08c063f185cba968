using System.Collections.Concurrent;
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

        var model = ToModel(version);
        if (version.State != DefinitionVersionState.Draft)
        {
            if (_versions.Count >= Limit)
            {
                _versions.Clear();
            }

            _versions[versionId] = model;
        }

        return model;
    }

    public static WorkflowDefinitionModel ToModel(WorkflowDefinitionVersionEntity version)
    {
        var model = DefinitionJson.Parse(version.Json);
        model.Id = version.Id;
        model.DefinitionId = version.DefinitionId;
        model.Version = version.Version;
        model.Name = version.Name;
        DefinitionNormalizer.Normalize(model);
        return model;
    }
}
