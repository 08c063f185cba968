using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Runtime;

/// <summary>
/// Workflows used as activities: before the engine runs a definition, every activity that names a
/// <c>workflowDefinitionId</c> gets the child's root as its embedded <c>root</c>, several levels deep. The child is
/// the version the activity pins (<c>workflowDefinitionVersionId</c>, as Studio writes it when dropping one), else the
/// published one. A definition that uses itself, directly or deeper, is refused.
/// </summary>
internal static class WorkflowActivities
{
    /// <summary>How deep workflows may nest in one another.</summary>
    public const int MaxDepth = 8;

    /// <summary>Puts in the children; returns whether every reference was pinned (so the result may be cached).</summary>
    public static async Task<bool> InlineAsync(KlachtenDbContext db, JsonNode definition, string definitionId, CancellationToken cancellationToken)
    {
        var pinned = true;
        await InlineAsync(db, definition["root"], [definitionId], () => pinned = false, cancellationToken);
        return pinned;
    }

    private static async Task InlineAsync(KlachtenDbContext db, JsonNode? node, List<string> path, Action unpinned, CancellationToken cancellationToken)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array.ToList())
                {
                    await InlineAsync(db, item, path, unpinned, cancellationToken);
                }

                return;
            case JsonObject activity:
                if (activity["workflowDefinitionId"] is JsonValue idValue && idValue.TryGetValue<string>(out var childId) && activity["type"] is JsonValue)
                {
                    await InlineChildAsync(db, activity, childId, path, unpinned, cancellationToken);
                    return;
                }

                foreach (var (name, value) in activity.ToList())
                {
                    if (name != "metadata")
                    {
                        await InlineAsync(db, value, path, unpinned, cancellationToken);
                    }
                }

                return;
        }
    }

    private static async Task InlineChildAsync(KlachtenDbContext db, JsonObject activity, string childId, List<string> path, Action unpinned, CancellationToken cancellationToken)
    {
        activity.Remove("root");
        activity.Remove("variables");
        if (path.Contains(childId, StringComparer.Ordinal) || path.Count > MaxDepth)
        {
            // Left without a root: the engine faults this activity with a message naming the definition.
            return;
        }

        var versionId = activity["workflowDefinitionVersionId"] is JsonValue v && v.TryGetValue<string>(out var pinnedId) ? pinnedId : null;
        var query = db.WorkflowDefinitionVersions.AsNoTracking().Where(d => d.DefinitionId == childId);
        var version = versionId is null ? null : await query.FirstOrDefaultAsync(d => d.Id == versionId, cancellationToken);
        if (version is null)
        {
            unpinned();
            version = await query.FirstOrDefaultAsync(d => d.State == DefinitionVersionState.Published, cancellationToken);
        }

        if (version is null || JsonNode.Parse(version.Json) is not JsonObject child || child["root"] is not JsonObject root)
        {
            return;
        }

        await InlineAsync(db, root, [.. path, childId], unpinned, cancellationToken);
        activity["root"] = root.DeepClone();

        // The child's own variables come along; the engine gives them their initial values when the activity starts.
        activity["variables"] = child["variables"]?.DeepClone() ?? new JsonArray();
    }
}
