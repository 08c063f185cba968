using Klachten.Server.Features.Auth;

namespace Klachten.Server.Features.Definitions;

/// <summary>The workflow-definition part of Elsa's REST API, as Elsa Studio calls it.</summary>
internal static class DefinitionsEndpoints
{
    public static RouteGroupBuilder MapDefinitions(this RouteGroupBuilder elsa)
    {
        elsa.MapGet("/workflow-definitions", ListDefinitions.HandleAsync);
        elsa.MapGet("/workflow-definitions/by-definition-id/{definitionId}", GetDefinition.ByDefinitionIdAsync);
        elsa.MapGet("/workflow-definitions/by-id/{id}", GetDefinition.ByIdAsync);
        elsa.MapGet("/workflow-definitions/validation/is-name-unique", GetDefinition.IsNameUniqueAsync);
        elsa.MapGet("/workflow-definitions/{definitionId}/export", ImportExport.ExportAsync);

        var write = elsa.MapGroup("").RequireAuthorization(Policies.DefinitionsWrite);
        write.MapPost("/workflow-definitions", ChangeDefinition.SaveAsync);
        write.MapPost("/workflow-definitions/{definitionId}/publish", ChangeDefinition.PublishAsync);
        write.MapPost("/workflow-definitions/{definitionId}/retract", ChangeDefinition.RetractAsync);
        write.MapPost("/workflow-definitions/{definitionId}/revert/{version}", ChangeDefinition.RevertAsync);
        write.MapDelete("/workflow-definitions/{definitionId}", ChangeDefinition.DeleteDefinitionAsync);
        write.MapDelete("/workflow-definition-versions/{id}", ChangeDefinition.DeleteVersionAsync);
        write.MapMethods("/workflow-definitions/import", ["POST", "PUT"], (HttpRequest request, DefinitionStore store, Klachten.Workflows.Definitions.DefinitionValidator validator, Persistence.KlachtenDbContext db, CancellationToken cancellationToken) =>
            ImportExport.ImportAsync(null, request, store, validator, db, cancellationToken));
        write.MapMethods("/workflow-definitions/{definitionId}/import", ["POST", "PUT"], ImportExport.ImportAsync);
        write.MapPost("/workflow-definitions/import-files", ImportExport.ImportFilesAsync).DisableAntiforgery();
        return elsa;
    }
}
