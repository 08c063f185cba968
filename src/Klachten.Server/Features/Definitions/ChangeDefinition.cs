using Klachten.Server.Common;
using Klachten.Server.Persistence;
using Klachten.Workflows.Definitions;

namespace Klachten.Server.Features.Definitions;

/// <summary>Save (Studio's save, auto-save, publish and create), publish, retract and delete.</summary>
internal static class ChangeDefinition
{
    public static async Task<IResult> SaveAsync(HttpRequest request, DefinitionStore store, DefinitionValidator validator, CancellationToken cancellationToken)
    {
        var (node, error) = await RequestBody.ReadJsonAsync(request, RequestBody.DefinitionLimitBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (node is not System.Text.Json.Nodes.JsonObject body || body["model"] is not System.Text.Json.Nodes.JsonObject modelNode)
        {
            return Invalid("Het verzoek moet een object 'model' met de workflowdefinitie bevatten.");
        }

        bool publish;
        try
        {
            publish = body["publish"]?.GetValue<bool>() ?? false;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            return Invalid("'publish' moet true, false of null zijn.");
        }

        var (saved, problem) = await SaveModelAsync(modelNode, publish, request.HttpContext.User.Identity?.Name, store, validator, cancellationToken);
        return problem ?? TypedResults.Json(ElsaDefinitionMapper.ToSaveResponse(saved!, canEdit: true));
    }

    /// <summary>
    /// Parses, normalises and validates a definition model (publish-time rules too when publishing) and stores it as
    /// a new version; used by save and by import. Either the stored version or the problem to answer.
    /// </summary>
    public static async Task<(WorkflowDefinitionVersionEntity? Saved, IResult? Problem)> SaveModelAsync(
        System.Text.Json.Nodes.JsonObject modelNode, bool publish, string? user, DefinitionStore store, DefinitionValidator validator, CancellationToken cancellationToken)
    {
        WorkflowDefinitionModel model;
        try
        {
            model = DefinitionJson.Parse(modelNode);
        }
        catch (DefinitionFormatException ex)
        {
            return (null, Invalid(ex.Message));
        }

        DefinitionNormalizer.Normalize(model);
        var errors = validator.Validate(model);
        if (errors.Count == 0 && publish)
        {
            errors = await store.PublishErrorsAsync(model, cancellationToken);
        }

        if (errors.Count > 0)
        {
            return (null, Invalid([.. errors]));
        }

        try
        {
            return (await store.SaveAsync(model, publish, user, cancellationToken), null);
        }
        catch (DefinitionConflictException ex)
        {
            return (null, ProblemResponses.Conflict(ex.Message));
        }
    }

    public static async Task<IResult> PublishAsync(string definitionId, DefinitionStore store, KlachtenDbContext db, CancellationToken cancellationToken)
    {
        // The list's Publish publishes the latest version as it is: it must be complete too.
        if (await db.FindVersionAsync(definitionId, new VersionOptions(VersionSelector.Latest), cancellationToken) is { IsPublished: false } draft)
        {
            var errors = await store.PublishErrorsAsync(DefinitionNormalizer.Normalize(DefinitionJson.Parse(draft.Json)), cancellationToken);
            if (errors.Count > 0)
            {
                return Invalid([.. errors]);
            }
        }

        return await ConflictsAsProblemAsync(async () =>
        {
            var published = await store.PublishAsync(definitionId, cancellationToken);
            return published is null ? NotFound(definitionId) : TypedResults.Json(ElsaDefinitionMapper.ToSaveResponse(published, canEdit: true));
        });
    }

    /// <summary><c>POST /workflow-definitions/{definitionId}/revert/{version}</c>: that version's content as the new latest draft.</summary>
    public static Task<IResult> RevertAsync(string definitionId, int version, HttpContext context, DefinitionStore store, CancellationToken cancellationToken) =>
        ConflictsAsProblemAsync(async () =>
        {
            var reverted = await store.RevertAsync(definitionId, version, context.User.Identity?.Name, cancellationToken);
            return reverted is null
                ? ProblemResponses.NotFound($"Versie {version} van workflow '{definitionId}' bestaat niet.")
                : TypedResults.Json(ElsaDefinitionMapper.ToDefinition(reverted, canEdit: true));
        });

    public static Task<IResult> RetractAsync(string definitionId, DefinitionStore store, CancellationToken cancellationToken) =>
        ConflictsAsProblemAsync(async () =>
        {
            var retracted = await store.RetractAsync(definitionId, cancellationToken);
            return retracted is null ? NotFound(definitionId) : TypedResults.Json(ElsaDefinitionMapper.ToDefinition(retracted, canEdit: true));
        });

    public static Task<IResult> DeleteDefinitionAsync(string definitionId, DefinitionStore store, CancellationToken cancellationToken) =>
        ConflictsAsProblemAsync(async () =>
            await store.DeleteDefinitionAsync(definitionId, cancellationToken) ? TypedResults.NoContent() : NotFound(definitionId));

    public static Task<IResult> DeleteVersionAsync(string id, DefinitionStore store, CancellationToken cancellationToken) =>
        ConflictsAsProblemAsync(async () =>
            await store.DeleteVersionAsync(id, cancellationToken) ? TypedResults.NoContent() : ProblemResponses.NotFound($"Workflowversie '{id}' bestaat niet."));

    private static async Task<IResult> ConflictsAsProblemAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (DefinitionConflictException ex)
        {
            return ProblemResponses.Conflict(ex.Message);
        }
    }

    private static IResult NotFound(string definitionId) => ProblemResponses.NotFound($"Workflow '{definitionId}' bestaat niet.");

    // Studio shows the messages under the empty key as a toast.
    public static IResult Invalid(params string[] messages) =>
        ProblemResponses.Validation(new Dictionary<string, string[]> { [""] = messages }, "De workflow is ongeldig");
}
