using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Definitions;

/// <summary>
/// Elsa's "auto-update consuming workflows": publishing a workflow that is usable as an activity with
/// <c>autoUpdateConsumingWorkflows</c> points every workflow using it at the new version. A consumer's draft is
/// updated, or a new version is made; a consumer whose latest version was published is published again, which
/// updates its own consumers in turn. All in the publishing transaction.
/// </summary>
internal sealed partial class DefinitionStore
{
    private async Task UpdateConsumersAsync(WorkflowDefinitionVersionEntity published, DateTimeOffset now, HashSet<string> visited, CancellationToken cancellationToken)
    {
        if (!published.Json.Contains("autoUpdateConsumingWorkflows", StringComparison.Ordinal)
            || DefinitionJson.Parse(published.Json).Options is not { } options
            || !IsTrue(options["usableAsActivity"]) || !IsTrue(options["autoUpdateConsumingWorkflows"]))
        {
            return;
        }

        visited.Add(published.DefinitionId);
        var consumers = await db.WorkflowDefinitionVersions.AsNoTracking()
            .Where(v => v.IsLatest && v.DefinitionId != published.DefinitionId && v.Json.Contains(published.DefinitionId))
            .Select(v => v.DefinitionId)
            .ToListAsync(cancellationToken);
        foreach (var consumerId in consumers.Order(StringComparer.Ordinal))
        {
            if (!visited.Add(consumerId))
            {
                continue;
            }

            await db.LockDefinitionAsync(consumerId, cancellationToken);
            var latest = await db.WorkflowDefinitionVersions.SingleAsync(v => v.DefinitionId == consumerId && v.IsLatest, cancellationToken);
            var json = JsonNode.Parse(latest.Json)!;
            if (!Repoint(json["root"], published))
            {
                continue;
            }

            var header = await db.WorkflowDefinitions.SingleAsync(d => d.DefinitionId == consumerId, cancellationToken);
            var wasPublished = latest.State == DefinitionVersionState.Published;
            if (latest.State == DefinitionVersionState.Draft)
            {
                latest.Json = json.ToJsonString();
                latest.UpdatedAt = now;
            }
            else
            {
                latest.IsLatest = false;
                await db.SaveChangesAsync(cancellationToken);
                var model = DefinitionJson.Parse(json.ToJsonString());
                model.DefinitionId = consumerId;
                model.Name = latest.Name;
                model.Description = latest.Description;
                db.WorkflowDefinitionVersions.Add(NewVersion(model, latest.Version + 1, latest.CreatedBy, now));
                header.LatestVersion = latest.Version + 1;
            }

            await db.SaveChangesAsync(cancellationToken);
            if (wasPublished)
            {
                await PublishLatestAsync(header, now, cancellationToken, visited);
            }
        }
    }

    /// <summary>Points every activity using <paramref name="published"/>'s definition at that version; true when one changed.</summary>
    private static bool Repoint(JsonNode? node, WorkflowDefinitionVersionEntity published)
    {
        var changed = false;
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    changed |= Repoint(item, published);
                }

                break;
            case JsonObject activity:
                if (activity["workflowDefinitionId"] is JsonValue id && id.TryGetValue<string>(out var childId) && childId == published.DefinitionId
                    && activity["workflowDefinitionVersionId"]?.ToString() != published.Id)
                {
                    activity["workflowDefinitionVersionId"] = published.Id;
                    activity["latestAvailablePublishedVersionId"] = published.Id;
                    activity["version"] = published.Version;
                    changed = true;
                }

                foreach (var (name, value) in activity.ToList())
                {
                    if (name != "metadata")
                    {
                        changed |= Repoint(value, published);
                    }
                }

                break;
        }

        return changed;
    }

    private static bool IsTrue(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;
}
