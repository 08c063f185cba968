using Klachten.Server.Common;
using Klachten.Workflows.Definitions;
using Microsoft.Extensions.Options;

namespace Klachten.Server.Features.Definitions;

/// <summary>
/// Imports every file in the workflows directory as published version 1 when its definition id is unknown, and
/// never touches a definition that exists: versions edited later in Studio win.
/// </summary>
internal sealed class DefinitionImporter(
    DefinitionStore store,
    DefinitionValidator validator,
    IOptions<KlachtenOptions> options,
    ILogger<DefinitionImporter> logger)
{
    public static string ResolveDirectory(KlachtenOptions options) =>
        options.WorkflowsDirectory is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, "workflows");

    public async Task<int> ImportAsync(CancellationToken cancellationToken)
    {
        var directory = ResolveDirectory(options.Value);
        if (!Directory.Exists(directory))
        {
            logger.LogWarning("Workflows directory {WorkflowsDirectory} does not exist; nothing imported", directory);
            return 0;
        }

        var imported = 0;
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            WorkflowDefinitionModel model;
            try
            {
                model = DefinitionJson.Parse(await File.ReadAllTextAsync(file, cancellationToken));
            }
            catch (DefinitionFormatException ex)
            {
                throw new StartupException($"Workflow file {file} cannot be read: {ex.Message}");
            }

            DefinitionNormalizer.Normalize(model);
            var errors = validator.Validate(model);
            if (errors.Count > 0 || string.IsNullOrWhiteSpace(model.DefinitionId))
            {
                throw new StartupException($"Workflow file {file} is invalid: {string.Join(" ", errors.DefaultIfEmpty("definitionId ontbreekt."))}");
            }

            if (await store.ImportIfUnknownAsync(model, cancellationToken))
            {
                imported++;
                logger.LogInformation("Imported workflow definition {DefinitionId} from {File}", model.DefinitionId, Path.GetFileName(file));
            }
        }

        return imported;
    }
}
