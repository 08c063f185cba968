using System.Text.Json.Nodes;
using Klachten.Server.Common;
using Klachten.Server.Features.Auth;
using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Definitions;

/// <summary><c>GET /elsa/api/workflow-definitions</c> with Elsa's (PascalCase) query parameters.</summary>
internal static class ListDefinitions
{
    private const int MaxPageSize = 100;
    private const int UnpagedLimit = 1000;

    internal sealed record Query(
        string? VersionOptions,
        int? Page,
        int? PageSize,
        string? SearchTerm,
        bool? IsSystem,
        string? OrderBy,
        string? OrderDirection,
        string[]? DefinitionIds,
        string[]? Ids);

    public static async Task<IResult> HandleAsync([AsParameters] Query query, KlachtenDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        if (!Definitions.VersionOptions.TryParse(query.VersionOptions, out var versionOptions))
        {
            return ProblemResponses.Validation(new Dictionary<string, string[]> { ["versionOptions"] = [$"Onbekende waarde '{query.VersionOptions}'."] });
        }

        if (query.Page < 0 || query.PageSize is < 1 or > MaxPageSize)
        {
            return ProblemResponses.Validation(new Dictionary<string, string[]> { ["pageSize"] = [$"Page moet 0 of meer zijn en PageSize tussen 1 en {MaxPageSize}."] });
        }

        var descending = string.Equals(query.OrderDirection, "Descending", StringComparison.OrdinalIgnoreCase);
        if (query.OrderDirection is { Length: > 0 } && !descending && !string.Equals(query.OrderDirection, "Ascending", StringComparison.OrdinalIgnoreCase))
        {
            return ProblemResponses.Validation(new Dictionary<string, string[]> { ["orderDirection"] = ["Gebruik Ascending of Descending."] });
        }

        var versions = db.WorkflowDefinitionVersions.AsNoTracking().Select(versionOptions);
        if (query.IsSystem == true)
        {
            // This server has no system workflows.
            versions = versions.Where(_ => false);
        }

        if (query.DefinitionIds is { Length: > 0 } definitionIds)
        {
            versions = versions.Where(v => definitionIds.Contains(v.DefinitionId));
        }

        if (query.Ids is { Length: > 0 } ids)
        {
            versions = versions.Where(v => ids.Contains(v.Id));
        }

        if (!string.IsNullOrWhiteSpace(query.SearchTerm))
        {
            var term = query.SearchTerm.Trim().ToLowerInvariant();
#pragma warning disable CA1862 // StringComparison overloads do not translate to SQL; lower() does on both providers.
            versions = versions.Where(v => v.Name.ToLower().Contains(term) || v.DefinitionId.ToLower().Contains(term)
                || (v.Description != null && v.Description.ToLower().Contains(term)));
#pragma warning restore CA1862
        }

        IOrderedQueryable<WorkflowDefinitionVersionEntity>? ordered = query.OrderBy?.ToLowerInvariant() switch
        {
            null or "" or "name" => descending ? versions.OrderByDescending(v => v.Name) : versions.OrderBy(v => v.Name),
            "created" => descending ? versions.OrderByDescending(v => v.CreatedAt) : versions.OrderBy(v => v.CreatedAt),
            "version" => descending ? versions.OrderByDescending(v => v.Version) : versions.OrderBy(v => v.Version),
            _ => null,
        };
        if (ordered is null)
        {
            return ProblemResponses.Validation(new Dictionary<string, string[]> { ["orderBy"] = ["Gebruik Created, Name of Version."] });
        }

        var total = await versions.CountAsync(cancellationToken);
        var page = ordered.ThenBy(v => v.DefinitionId).ThenBy(v => v.Version).AsQueryable();
        page = query.PageSize is { } size ? page.Skip((query.Page ?? 0) * size).Take(size) : page.Take(UnpagedLimit);
        var rows = await page.ToListAsync(cancellationToken);

        var canEdit = context.User.CanEditDefinitions();
        var items = new JsonArray(rows.Select(v => (JsonNode)ElsaDefinitionMapper.ToSummary(v, canEdit)).ToArray());
        return TypedResults.Json(new JsonObject
        {
            ["items"] = items,
            ["page"] = query.Page,
            ["pageSize"] = query.PageSize,
            ["totalCount"] = total,
            ["links"] = ElsaDefinitionMapper.ListLinks(canEdit),
        });
    }
}
