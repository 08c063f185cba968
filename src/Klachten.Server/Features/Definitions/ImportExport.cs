using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Common;
using Klachten.Server.Features.Auth;
using Klachten.Server.Persistence;
using Klachten.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Definitions;

/// <summary>
/// Elsa's export (a definition version as a JSON download) and import (one model as the body, or JSON and ZIP files
/// as a form upload, as Studio's import button sends them). Files exported by a real Elsa 3 server import as they
/// are: echoed server fields (id, version, isLatest, …) are ignored and the definition keeps its definitionId. An
/// import keeps the file's published state: an export with <c>isPublished: true</c> (or a body asking to publish) is
/// published, anything else is a draft. Every caller of import may publish (the same policy guards both). An
/// invalid file changes nothing.
/// </summary>
internal static class ImportExport
{
    private const long FilesLimitBytes = 4 * 1024 * 1024;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<IResult> ExportAsync(string definitionId, string? versionOptions, KlachtenDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        if (!VersionOptions.TryParse(versionOptions ?? "Latest", out var options))
        {
            return ProblemResponses.Validation(new Dictionary<string, string[]> { ["versionOptions"] = [$"Onbekende waarde '{versionOptions}'."] });
        }

        var version = await db.FindVersionAsync(definitionId, options, cancellationToken);
        if (version is null)
        {
            return ProblemResponses.NotFound($"Workflow '{definitionId}' bestaat niet.");
        }

        var model = ElsaDefinitionMapper.ToDefinition(version, context.User.CanEditDefinitions());
        model.Remove("links");
        var bytes = JsonSerializer.SerializeToUtf8Bytes(model, Indented);
        return TypedResults.File(bytes, "application/json", FileName(version.Name, version.DefinitionId));
    }

    /// <summary><c>POST /workflow-definitions/import</c> and <c>/{definitionId}/import</c>: the body is the exported model.</summary>
    public static async Task<IResult> ImportAsync(string? definitionId, HttpRequest request, DefinitionStore store, DefinitionValidator validator, KlachtenDbContext db, CancellationToken cancellationToken)
    {
        var (node, error) = await RequestBody.ReadJsonAsync(request, RequestBody.DefinitionLimitBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (node is not JsonObject model)
        {
            return ChangeDefinition.Invalid("Het bestand moet één workflowdefinitie als JSON-object bevatten.");
        }

        var publish = IsTrue(model["publish"]) || IsPublished(model);
        model.Remove("publish");
        if (!string.IsNullOrWhiteSpace(definitionId))
        {
            model["definitionId"] = definitionId;
        }

        var id = (model["definitionId"] as JsonValue)?.TryGetValue<string>(out var given) == true ? given : null;
        var existed = id is not null && await db.WorkflowDefinitions.AnyAsync(d => d.DefinitionId == id, cancellationToken);
        var (saved, problem) = await ChangeDefinition.SaveModelAsync(model, publish, request.HttpContext.User.Identity?.Name, store, validator, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var response = ElsaDefinitionMapper.ToDefinition(saved!, canEdit: true);
        return existed
            ? TypedResults.Json(response)
            : TypedResults.Json(response, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// <c>POST /workflow-definitions/import-files</c>: a form with JSON files and/or ZIP archives of them. Every file is
    /// checked before any is stored, so a bad file in the batch stores nothing. Answers <c>{ "count": n }</c>.
    /// </summary>
    public static async Task<IResult> ImportFilesAsync(HttpRequest request, DefinitionStore store, DefinitionValidator validator, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return ProblemResponses.BadRequest("Stuur de bestanden als multipart/form-data.");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.Count == 0)
        {
            return ChangeDefinition.Invalid("Er is geen bestand meegestuurd.");
        }

        var models = new List<(string Name, JsonObject Model)>();
        foreach (var file in form.Files)
        {
            if (file.Length > FilesLimitBytes)
            {
                return ChangeDefinition.Invalid($"Bestand '{file.FileName}' is groter dan 4 MB.");
            }

            await using var stream = file.OpenReadStream();
            var read = file.FileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
                ? await ReadZipAsync(stream, file.FileName, cancellationToken)
                : [(file.FileName, await ReadModelAsync(stream, cancellationToken))];
            models.AddRange(read);
        }

        var unreadable = models.Where(m => m.Model is null).Select(m => $"Bestand '{m.Name}' bevat geen geldige workflowdefinitie (JSON-object).").ToArray();
        if (unreadable.Length > 0)
        {
            return ChangeDefinition.Invalid(unreadable);
        }

        // Validate all first: an import of five files with one broken stores none.
        var problems = new List<string>();
        foreach (var (name, model) in models)
        {
            try
            {
                var parsed = DefinitionJson.Parse((JsonObject)model.DeepClone());
                DefinitionNormalizer.Normalize(parsed);
                var errors = validator.Validate(parsed);
                if (errors.Count == 0 && IsPublished(model))
                {
                    errors = await store.PublishErrorsAsync(parsed, cancellationToken);
                }

                problems.AddRange(errors.Select(e => $"{name}: {e}"));
            }
            catch (DefinitionFormatException ex)
            {
                problems.Add($"{name}: {ex.Message}");
            }
        }

        if (problems.Count > 0)
        {
            return ChangeDefinition.Invalid([.. problems]);
        }

        foreach (var (_, model) in models)
        {
            var (_, problem) = await ChangeDefinition.SaveModelAsync(model, IsPublished(model), request.HttpContext.User.Identity?.Name, store, validator, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
        }

        return TypedResults.Json(new JsonObject { ["count"] = models.Count });
    }

    // The exported version's state; the echoed field is otherwise ignored.
    private static bool IsPublished(JsonObject model) => IsTrue(model["isPublished"]);

    private static bool IsTrue(JsonNode? node) => node is JsonValue flag && flag.TryGetValue<bool>(out var value) && value;

    private static async Task<List<(string Name, JsonObject Model)>> ReadZipAsync(Stream stream, string fileName, CancellationToken cancellationToken)
    {
        var models = new List<(string, JsonObject)>();
        try
        {
            await using var archive = new ZipArchive(stream, ZipArchiveMode.Read);
            foreach (var entry in archive.Entries.Where(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)))
            {
                if (entry.Length > FilesLimitBytes)
                {
                    models.Add(($"{fileName}/{entry.FullName}", null!));
                    continue;
                }

                await using var content = await entry.OpenAsync(cancellationToken);
                models.Add(($"{fileName}/{entry.FullName}", await ReadModelAsync(content, cancellationToken)));
            }
        }
        catch (InvalidDataException)
        {
            models.Add((fileName, null!));
        }

        return models;
    }

    // Null when the file is not one JSON object; the caller reports it by name.
    private static async Task<JsonObject> ReadModelAsync(Stream stream, CancellationToken cancellationToken)
    {
        try
        {
            return (await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken) as JsonObject)!;
        }
        catch (JsonException)
        {
            return null!;
        }
    }

    /// <summary>Elsa's download name: the workflow name in lower kebab-case, e.g. <c>klachtenprocedure.json</c>.</summary>
    public static string FileName(string? name, string definitionId)
    {
        var source = string.IsNullOrWhiteSpace(name) ? $"workflow-definition-{definitionId}" : name.Trim();
        var builder = new StringBuilder(source.Length);
        foreach (var c in source.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if ((c is ' ' or '_' or '-' or '.') && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().Trim('-') + ".json";
    }
}
