using Klachten.Server.Persistence;
using Klachten.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Definitions;

internal sealed partial class DefinitionStore
{
    /// <summary>
    /// Why a definition may not be published: <see cref="PublishValidator"/>, and every workflow it uses as an
    /// activity must exist and be published (or be the pinned version) and not be itself.
    /// </summary>
    public async Task<IReadOnlyList<string>> PublishErrorsAsync(WorkflowDefinitionModel model, CancellationToken cancellationToken)
    {
        var errors = PublishValidator.Validate(model, await PublishedModelAsync(model.DefinitionId, cancellationToken)).ToList();
        foreach (var activity in (model.Root?.DescendantsAndSelf() ?? []).Where(a => a.IsWorkflowActivity))
        {
            var childId = activity.Extra!["workflowDefinitionId"]!.ToString();
            var label = string.IsNullOrWhiteSpace(activity.Name) ? activity.Id : activity.Name;
            var pinned = activity.Extra["workflowDefinitionVersionId"]?.ToString();
            var exists = await db.WorkflowDefinitionVersions.AsNoTracking().AnyAsync(
                v => v.DefinitionId == childId && (v.State == DefinitionVersionState.Published || v.Id == pinned), cancellationToken);
            if (childId == model.DefinitionId)
            {
                errors.Add($"Activiteit '{label}' gebruikt de workflow zelf; een workflow kan zichzelf niet als activiteit bevatten.");
            }
            else if (!exists)
            {
                errors.Add($"Activiteit '{label}' gebruikt workflow '{childId}', maar die bestaat niet of is niet gepubliceerd.");
            }
        }

        return errors;
    }
}
