using System.Text.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Workflows.Definitions;

namespace Klachten.Server.Features.Definitions;

/// <summary>Turns stored versions into Elsa's response shapes. Links decide whether Studio lets the caller edit.</summary>
internal static class ElsaDefinitionMapper
{
    public static JsonObject ToDefinition(WorkflowDefinitionVersionEntity version, bool canEdit)
    {
        var model = DefinitionJson.Parse(version.Json);
        model.Id = version.Id;
        model.DefinitionId = version.DefinitionId;
        model.Version = version.Version;
        model.Name = version.Name;
        model.IsLatest = version.IsLatest;
        model.IsPublished = version.IsPublished;
        model.CreatedAt = version.CreatedAt;
        model.IsReadonly ??= false;
        model.IsSystem ??= false;
        DefinitionNormalizer.Normalize(model);

        var json = JsonSerializer.SerializeToNode(model, DefinitionJson.Options)!.AsObject();
        json["materializerName"] = "Json";
        json["providerName"] = "Klachten";
        json["links"] = Links(version.DefinitionId, canEdit);
        return json;
    }

    public static JsonObject ToSummary(WorkflowDefinitionVersionEntity version, bool canEdit) => new()
    {
        ["id"] = version.Id,
        ["definitionId"] = version.DefinitionId,
        ["name"] = version.Name,
        ["description"] = version.Description,
        ["version"] = version.Version,
        ["isLatest"] = version.IsLatest,
        ["isPublished"] = version.IsPublished,
        ["createdAt"] = version.CreatedAt,
        ["materializerName"] = "Json",
        ["isMaterializerAvailable"] = true,
        ["links"] = Links(version.DefinitionId, canEdit),
    };

    public static JsonObject ToSaveResponse(WorkflowDefinitionVersionEntity version, bool canEdit) => new()
    {
        ["workflowDefinition"] = ToDefinition(version, canEdit),
        ["alreadyPublished"] = false,
        ["consumingWorkflowCount"] = 0,
        ["validationErrors"] = new JsonArray(),
    };

    public static JsonArray ListLinks(bool canEdit) => canEdit
        ? [Link("/workflow-definitions/bulk-publish", "bulk-publish"), Link("/workflow-definitions/bulk-retract", "bulk-retract")]
        : [];

    private static JsonArray Links(string definitionId, bool canEdit)
    {
        var links = new JsonArray { Link($"/workflow-definitions/by-definition-id/{definitionId}", "self", "GET") };
        if (canEdit)
        {
            links.Add(Link($"/workflow-definitions/{definitionId}/publish", "publish"));
            links.Add(Link($"/workflow-definitions/{definitionId}/retract", "retract"));
        }

        return links;
    }

    private static JsonObject Link(string href, string rel, string method = "POST") =>
        new() { ["href"] = href, ["rel"] = rel, ["method"] = method };
}
