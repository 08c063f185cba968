using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Instances;

/// <summary>Published workflows that an event starts: a direct child of the root flowchart of type Event, marked "can start workflow", with that literal event name.</summary>
internal static class EventTriggers
{
    public static async Task<List<(string DefinitionId, string ActivityId)>> FindAsync(KlachtenDbContext db, string eventName, CancellationToken cancellationToken)
    {
        // A text match narrows the candidates; the JSON decides.
        var candidates = await db.WorkflowDefinitionVersions.AsNoTracking()
            .Where(v => v.State == DefinitionVersionState.Published && v.Json.Contains(ActivityTypes.Event) && v.Json.Contains(eventName))
            .Select(v => new { v.DefinitionId, v.Json })
            .ToListAsync(cancellationToken);
        var triggers = new List<(string, string)>();
        foreach (var candidate in candidates.OrderBy(c => c.DefinitionId, StringComparer.Ordinal))
        {
            var root = DefinitionJson.Parse(candidate.Json).Root;
            var trigger = (root?.IsFlowchart == true ? root.Activities ?? [] : []).FirstOrDefault(a =>
                a.Type == ActivityTypes.Event
                && a.CustomProperties?["canStartWorkflow"] is JsonValue start && start.TryGetValue<bool>(out var canStart) && canStart
                && LiteralName(a.GetInput("eventName")) == eventName);
            if (trigger?.Id is { } activityId)
            {
                triggers.Add((candidate.DefinitionId, activityId));
            }
        }

        return triggers;
    }

    private static string? LiteralName(JsonNode? input) => input switch
    {
        JsonObject wrapped when wrapped["expression"] is JsonObject expression && expression["type"]?.ToString() is null or "Literal" => expression["value"]?.ToString(),
        JsonValue value => value.ToString(),
        _ => null,
    };
}
