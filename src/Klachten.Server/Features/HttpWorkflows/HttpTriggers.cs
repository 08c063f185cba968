using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.HttpWorkflows;

/// <summary>Published workflows an HTTP request starts: an HttpEndpoint marked "can start workflow", directly in the root flowchart, with that path and method.</summary>
internal static class HttpTriggers
{
    public static async Task<List<(string DefinitionId, string ActivityId)>> FindAsync(KlachtenDbContext db, string path, string method, CancellationToken cancellationToken)
    {
        var candidates = await db.WorkflowDefinitionVersions.AsNoTracking()
            .Where(v => v.State == DefinitionVersionState.Published && v.Json.Contains(ActivityTypes.HttpEndpoint))
            .Select(v => new { v.DefinitionId, v.Json })
            .ToListAsync(cancellationToken);
        var found = new List<(string, string)>();
        foreach (var candidate in candidates.OrderBy(c => c.DefinitionId, StringComparer.Ordinal))
        {
            var root = DefinitionJson.Parse(candidate.Json).Root;
            var trigger = (root?.IsFlowchart == true ? root.Activities ?? [] : []).FirstOrDefault(a =>
                a.Type == ActivityTypes.HttpEndpoint
                && a.CustomProperties?["canStartWorkflow"] is JsonValue start && start.TryGetValue<bool>(out var canStart) && canStart
                && string.Equals(Normalize(Literal(a.GetInput("path"))), Normalize(path), StringComparison.OrdinalIgnoreCase)
                && Methods(a.GetInput("supportedMethods")).Contains(method, StringComparer.OrdinalIgnoreCase));
            if (trigger?.Id is { } activityId)
            {
                found.Add((candidate.DefinitionId, activityId));
            }
        }

        return found;
    }

    private static string Normalize(string? path) => (path ?? string.Empty).Trim().Trim('/');

    private static string? Literal(JsonNode? input) => input switch
    {
        JsonObject wrapped when wrapped["expression"] is JsonObject expression => expression["value"]?.ToString(),
        JsonValue value => value.ToString(),
        _ => null,
    };

    // A list as Studio writes it (Object syntax, a JSON array in text) or as plain JSON; GET when none is given.
    private static IReadOnlyList<string> Methods(JsonNode? input)
    {
        var items = ListInputs.StaticItems(input);
        return items is { Count: > 0 } ? items : ["GET"];
    }
}
