using Klachten.Server.Common;
using Klachten.Server.Features.Auth;
using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Definitions;

/// <summary>Elsa's get-by-definition-id (with versionOptions) and get-by-version-id.</summary>
internal static class GetDefinition
{
    public static async Task<IResult> ByDefinitionIdAsync(string definitionId, string? versionOptions, KlachtenDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        if (!VersionOptions.TryParse(versionOptions ?? "Latest", out var options))
        {
            return ProblemResponses.Validation(new Dictionary<string, string[]> { ["versionOptions"] = [$"Onbekende waarde '{versionOptions}'."] });
        }

        var version = await db.FindVersionAsync(definitionId, options, cancellationToken);
        return version is null
            ? ProblemResponses.NotFound($"Workflow '{definitionId}' met versie '{versionOptions ?? "Latest"}' bestaat niet.")
            : TypedResults.Json(ElsaDefinitionMapper.ToDefinition(version, context.User.CanEditDefinitions()));
    }

    public static async Task<IResult> ByIdAsync(string id, KlachtenDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var version = await db.WorkflowDefinitionVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        return version is null
            ? ProblemResponses.NotFound($"Workflowversie '{id}' bestaat niet.")
            : TypedResults.Json(ElsaDefinitionMapper.ToDefinition(version, context.User.CanEditDefinitions()));
    }

    public static async Task<IResult> IsNameUniqueAsync(string? name, string? definitionId, KlachtenDbContext db, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return ProblemResponses.Validation(new Dictionary<string, string[]> { ["name"] = ["Geef een naam op."] });
        }

        var taken = await db.WorkflowDefinitions.AnyAsync(d => d.Name == name && d.DefinitionId != definitionId, cancellationToken);
        return TypedResults.Json(new { isUnique = !taken });
    }
}
