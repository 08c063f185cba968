using System.Text.Json.Nodes;
using Klachten.Server.Common;
using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Instances;

/// <summary><c>POST /elsa/api/workflow-instances</c>: Elsa's instance list with its body filter.</summary>
internal static class ListInstances
{
    private const int MaxPageSize = 100;

    private static readonly string[] Statuses = ["Running", "Finished"];

    // Interrupted exists in Elsa; this runtime never sets it, so filtering on it is valid and matches nothing.
    private static readonly string[] SubStatuses = ["Pending", "Executing", "Suspended", "Finished", "Cancelled", "Faulted", "Interrupted"];

    /// <summary>Elsa's list request; an empty array means "no filter". Timestamp filters are accepted and ignored.</summary>
    internal sealed record Request(
        int? Page = null,
        int? PageSize = null,
        string? SearchTerm = null,
        string? Name = null,
        string? DefinitionId = null,
        string[]? DefinitionIds = null,
        string? CorrelationId = null,
        int? Version = null,
        bool? HasIncidents = null,
        bool? IsSystem = null,
        string? Status = null,
        string[]? Statuses = null,
        string? SubStatus = null,
        string[]? SubStatuses = null,
        string? OrderBy = null,
        string? OrderDirection = null,
        JsonNode? TimestampFilters = null);

    public static async Task<IResult> HandleAsync(HttpRequest request, KlachtenDbContext db, CancellationToken cancellationToken)
    {
        var (body, error) = await InstanceRequests.ReadAsync(request, new Request(), cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (Validate(body!) is { } invalid)
        {
            return invalid;
        }

        var query = Filter(db.WorkflowInstances.AsNoTracking().VisibleTo(db, request.HttpContext.User), body!);
        var total = await query.CountAsync(cancellationToken);
        var pageSize = Math.Min(body!.PageSize ?? MaxPageSize, MaxPageSize);
        var skip = (int)Math.Min((long)(body.Page ?? 0) * pageSize, int.MaxValue);
        var rows = await Order(query, body).Skip(skip).Take(pageSize)
            .Select(i => new WorkflowInstanceEntity
            {
                // Without the state column: list rows stay small however large an instance's state grows.
                Id = i.Id,
                DefinitionId = i.DefinitionId,
                DefinitionVersionId = i.DefinitionVersionId,
                Version = i.Version,
                Status = i.Status,
                SubStatus = i.SubStatus,
                CorrelationId = i.CorrelationId,
                Name = i.Name,
                IncidentCount = i.IncidentCount,
                StateJson = string.Empty,
                CreatedAt = i.CreatedAt,
                UpdatedAt = i.UpdatedAt,
                FinishedAt = i.FinishedAt,
            })
            .ToListAsync(cancellationToken);

        return TypedResults.Json(new JsonObject
        {
            ["items"] = new JsonArray(rows.Select(r => (JsonNode)ElsaInstanceMapper.ToSummary(r)).ToArray()),
            ["totalCount"] = total,
        });
    }

    private static IResult? Validate(Request body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Page < 0)
        {
            errors["page"] = ["Page moet 0 of meer zijn."];
        }

        if (body.PageSize < 1)
        {
            errors["pageSize"] = ["PageSize moet 1 of meer zijn."];
        }

        CheckNames(errors, "status", Statuses, body.Status is null ? [] : [body.Status]);
        CheckNames(errors, "statuses", Statuses, body.Statuses ?? []);
        CheckNames(errors, "subStatus", SubStatuses, body.SubStatus is null ? [] : [body.SubStatus]);
        CheckNames(errors, "subStatuses", SubStatuses, body.SubStatuses ?? []);
        CheckNames(errors, "orderBy", ["Created", "LastExecuted", "UpdatedAt", "Finished", "Name"], body.OrderBy is null ? [] : [body.OrderBy]);
        CheckNames(errors, "orderDirection", ["Ascending", "Descending"], body.OrderDirection is null ? [] : [body.OrderDirection]);
        return errors.Count == 0 ? null : ProblemResponses.Validation(errors);
    }

    private static void CheckNames(Dictionary<string, string[]> errors, string field, string[] allowed, string[] values)
    {
        var wrong = values.Where(v => !allowed.Contains(v, StringComparer.OrdinalIgnoreCase)).ToList();
        if (wrong.Count > 0)
        {
            errors[field] = [$"Onbekende waarde '{wrong[0]}'; gebruik {string.Join(", ", allowed)}."];
        }
    }

    private static IQueryable<WorkflowInstanceEntity> Filter(IQueryable<WorkflowInstanceEntity> query, Request body)
    {
        if (body.IsSystem == true)
        {
            // This server has no system workflows.
            query = query.Where(_ => false);
        }

        if (!string.IsNullOrWhiteSpace(body.SearchTerm))
        {
            var term = body.SearchTerm.Trim().ToLowerInvariant();
#pragma warning disable CA1862 // StringComparison overloads do not translate to SQL; lower() does on both providers.
            query = query.Where(i => i.Id.ToLower().Contains(term)
                || (i.Name != null && i.Name.ToLower().Contains(term))
                || (i.CorrelationId != null && i.CorrelationId.ToLower().Contains(term)));
#pragma warning restore CA1862
        }

        query = body.Name is { } name ? query.Where(i => i.Name == name) : query;
        query = body.DefinitionId is { } definitionId ? query.Where(i => i.DefinitionId == definitionId) : query;
        query = body.DefinitionIds is { Length: > 0 } definitionIds ? query.Where(i => definitionIds.Contains(i.DefinitionId)) : query;
        query = body.CorrelationId is { } correlationId ? query.Where(i => i.CorrelationId == correlationId) : query;
        query = body.Version is { } version ? query.Where(i => i.Version == version) : query;
        query = body.HasIncidents switch
        {
            true => query.Where(i => i.IncidentCount > 0),
            false => query.Where(i => i.IncidentCount == 0),
            null => query,
        };

        var statuses = Canonical(Statuses, body.Status, body.Statuses);
        query = statuses.Length > 0 ? query.Where(i => statuses.Contains(i.Status)) : query;
        var subStatuses = Canonical(SubStatuses, body.SubStatus, body.SubStatuses);
        return subStatuses.Length > 0 ? query.Where(i => subStatuses.Contains(i.SubStatus)) : query;
    }

    // The stored spelling of each requested name (requests may use any case).
    private static string[] Canonical(string[] allowed, string? single, string[]? many) =>
        (single is null ? many ?? [] : [single, .. many ?? []])
            .Select(v => allowed.First(a => string.Equals(a, v, StringComparison.OrdinalIgnoreCase)))
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    private static IOrderedQueryable<WorkflowInstanceEntity> Order(IQueryable<WorkflowInstanceEntity> query, Request body)
    {
        var orderBy = body.OrderBy?.ToLowerInvariant() ?? "created";

        // Elsa's defaults: names ascending, instants newest first.
        var descending = body.OrderDirection is { } direction
            ? string.Equals(direction, "Descending", StringComparison.OrdinalIgnoreCase)
            : orderBy != "name";
        var ordered = orderBy switch
        {
            "name" => descending ? query.OrderByDescending(i => i.Name) : query.OrderBy(i => i.Name),
            "lastexecuted" or "updatedat" => descending ? query.OrderByDescending(i => i.UpdatedAt) : query.OrderBy(i => i.UpdatedAt),
            "finished" => descending ? query.OrderByDescending(i => i.FinishedAt) : query.OrderBy(i => i.FinishedAt),
            _ => descending ? query.OrderByDescending(i => i.CreatedAt) : query.OrderBy(i => i.CreatedAt),
        };
        return descending ? ordered.ThenByDescending(i => i.Id) : ordered.ThenBy(i => i.Id);
    }
}
