using System.Globalization;
using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Descriptors;

/// <summary>
/// A published definition with "Usable as activity" (<c>options.usableAsActivity</c>) in Studio's toolbox, as Elsa
/// describes it: type = the definition's name in PascalCase, its inputs and outputs, one flow port per outcome (Done
/// when it declares none), and the custom properties Studio copies into a dropped activity (which definition, which
/// version).
/// </summary>
internal static class WorkflowActivityDescriptors
{
    public static async Task<List<JsonObject>> BuildAsync(KlachtenDbContext db, CancellationToken cancellationToken)
    {
        var published = await db.WorkflowDefinitionVersions.AsNoTracking()
            .Where(v => v.State == DefinitionVersionState.Published && v.Json.Contains("usableAsActivity"))
            .Select(v => new { v.Id, v.DefinitionId, v.Version, v.Name, v.Description, v.Json })
            .ToListAsync(cancellationToken);
        var descriptors = new List<JsonObject>();
        foreach (var version in published.OrderBy(v => v.Name, StringComparer.Ordinal))
        {
            if (JsonNode.Parse(version.Json) is not JsonObject definition || definition["options"]?["usableAsActivity"]?.GetValue<bool>() != true)
            {
                continue;
            }

            var outcomes = (definition["outcomes"] as JsonArray ?? []).Select(o => o?.ToString()).OfType<string>().Where(o => o.Length > 0).ToList();
            descriptors.Add(new JsonObject
            {
                ["typeName"] = TypeName(version.Name),
                ["namespace"] = string.Empty,
                ["name"] = TypeName(version.Name),
                ["version"] = version.Version,
                ["category"] = definition["options"]?["activityCategory"]?.ToString() is { Length: > 0 } category ? category : "Workflows",
                ["displayName"] = version.Name,
                ["description"] = version.Description,
                ["kind"] = "Action",
                ["runAsynchronously"] = false,
                ["inputs"] = new JsonArray([.. (definition["inputs"] as JsonArray ?? []).OfType<JsonObject>().Select((input, i) => (JsonNode?)Input(input, i))]),
                ["outputs"] = new JsonArray([.. (definition["outputs"] as JsonArray ?? []).OfType<JsonObject>().Select((output, i) => (JsonNode?)Output(output, i))]),
                ["ports"] = new JsonArray([.. (outcomes.Count == 0 ? ["Done"] : outcomes).Select(o => (JsonNode?)Port(o, "Flow", true)), Port("Root", "Embedded", false)]),
                ["customProperties"] = new JsonObject
                {
                    ["RootType"] = "WorkflowDefinitionActivity",
                    ["WorkflowDefinitionId"] = version.DefinitionId,
                    ["WorkflowDefinitionVersionId"] = version.Id,
                },
                ["constructionProperties"] = new JsonObject
                {
                    ["WorkflowDefinitionId"] = version.DefinitionId,
                    ["WorkflowDefinitionVersionId"] = version.Id,
                    ["LatestAvailablePublishedVersion"] = version.Version,
                    ["LatestAvailablePublishedVersionId"] = version.Id,
                },
                ["attributes"] = new JsonArray(),
                ["isContainer"] = false,
                ["isBrowsable"] = true,
                ["isStart"] = false,
                ["isTerminal"] = false,
            });
        }

        return descriptors;
    }

    /// <summary>Elsa's type name of a definition used as an activity: its name in PascalCase, letters and digits only.</summary>
    public static string TypeName(string name) =>
        string.Concat(name.Split([' ', '-', '_', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Select(part => new string([.. part.Where(char.IsLetterOrDigit)]))
            .Where(part => part.Length > 0)
            .Select(part => char.ToUpper(part[0], CultureInfo.InvariantCulture) + part[1..]));

    private static JsonObject Input(JsonObject input, int order) => new()
    {
        ["name"] = input["name"]?.ToString(),
        ["typeName"] = input["type"]?.ToString() ?? "Object",
        ["displayName"] = input["displayName"]?.ToString() ?? input["name"]?.ToString(),
        ["description"] = input["description"]?.ToString(),
        ["order"] = order,
        ["isBrowsable"] = true,
        ["isSynthetic"] = true,
        ["isWrapped"] = true,
        ["uiHint"] = input["uiHint"]?.ToString() ?? "singleline",
        ["category"] = input["category"]?.ToString(),
        ["defaultSyntax"] = "Literal",
        ["isReadOnly"] = false,
        ["isSensitive"] = false,
        ["storageDriverType"] = null,
    };

    private static JsonObject Output(JsonObject output, int order) => new()
    {
        ["name"] = output["name"]?.ToString(),
        ["typeName"] = output["type"]?.ToString() ?? "Object",
        ["displayName"] = output["displayName"]?.ToString() ?? output["name"]?.ToString(),
        ["description"] = output["description"]?.ToString(),
        ["order"] = order,
        ["isBrowsable"] = true,
        ["isSynthetic"] = true,
    };

    private static JsonObject Port(string name, string type, bool browsable) =>
        new() { ["name"] = name, ["displayName"] = name, ["type"] = type, ["isBrowsable"] = browsable };
}
