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

        var write = elsa.MapGroup("").RequireAuthorization(Policies.DefinitionsWrite);
        write.MapPost("/workflow-definitions", ChangeDefinition.SaveAsync);
        write.MapPost("/workflow-definitions/{definitionId}/publish", ChangeDefinition.PublishAsync);
        write.MapPost("/workflow-definitions/{definitionId}/retract", ChangeDefinition.RetractAsync);
        write.MapDelete("/workflow-definitions/{definitionId}", ChangeDefinition.DeleteDefinitionAsync);
        write.MapDelete("/workflow-definition-versions/{id}", ChangeDefinition.DeleteVersionAsync);
        return elsa;
    }
}
