using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;

namespace Klachten.Server.Features.Descriptors;

/// <summary>
/// Elsa's activity descriptors for every type of the catalog: the scanned activity classes that validation accepts and
/// the engine executes, each describing itself (<see cref="Klachten.Workflows.Runtime.IActivityBehavior.Descriptor"/>).
/// Studio keys its registry on typeName + version, reads camelCase only, shows an item in the toolbox only when
/// <c>isBrowsable</c> is true, and draws one outlet per Flow port (dynamic ports come from the input with the
/// <c>dynamic-outcomes</c> hint).
/// </summary>
internal static class ActivityDescriptors
{
    public static JsonObject Build(ActivityCatalog catalog)
    {
        var items = catalog.Types
            .OrderBy(t => t.Category, StringComparer.Ordinal)
            .ThenBy(t => t.TypeName, StringComparer.Ordinal)
            .Select(t => (JsonNode?)Describe(t))
            .ToArray();
        return new JsonObject { ["items"] = new JsonArray(items), ["count"] = items.Length };
    }

    public static JsonObject Describe(ActivityTypeInfo type)
    {
        var dot = type.TypeName.LastIndexOf('.');
        var name = dot < 0 ? type.TypeName : type.TypeName[(dot + 1)..];
        var ns = dot < 0 ? string.Empty : type.TypeName[..dot];
        return new JsonObject
        {
            ["typeName"] = type.TypeName,
            ["namespace"] = ns,
            ["name"] = name,
            ["version"] = type.Version,
            ["category"] = type.Category,
            ["displayName"] = type.DisplayName,
            ["description"] = type.Description,
            ["kind"] = type.Kind.ToString(),
            ["runAsynchronously"] = false,
            ["inputs"] = new JsonArray(type.Inputs.Select((input, i) => (JsonNode?)Input(input, i)).ToArray()),
            ["outputs"] = new JsonArray(type.Outputs.Select((output, i) => (JsonNode?)Output(output, i)).ToArray()),
            ["ports"] = new JsonArray([.. type.Ports.Select(p => (JsonNode?)Port(p, "Flow")), .. type.EmbeddedPorts.Select(p => (JsonNode?)Port(p, "Embedded"))]),
            ["customProperties"] = new JsonObject(),
            ["constructionProperties"] = new JsonObject(),
            ["attributes"] = new JsonArray(),
            ["isContainer"] = type.IsContainer,
            ["isBrowsable"] = type.IsBrowsable,
            ["isStart"] = type.TypeName == ActivityTypes.Start,
            ["isTerminal"] = type.IsTerminal,
        };
    }

    private static JsonObject Input(ActivityInputInfo input, int order)
    {
        var json = new JsonObject
        {
            ["name"] = input.Name,
            ["typeName"] = input.TypeName,
            ["displayName"] = input.DisplayName,
            ["description"] = input.Description,
            ["order"] = order,
            ["isBrowsable"] = true,
            ["isSynthetic"] = false,
            ["isWrapped"] = input.IsWrapped,
            ["uiHint"] = input.UiHint,
            ["category"] = null,
            ["defaultValue"] = input.DefaultValue,
            ["defaultSyntax"] = input.DefaultSyntax,
            ["isReadOnly"] = false,
            ["isSensitive"] = false,
            ["storageDriverType"] = null,
        };
        if (input.Options is { } options)
        {
            var items = options.Select(o => (JsonNode?)new JsonObject { ["text"] = o.Text, ["value"] = o.Value }).ToArray();
            json["uiSpecifications"] = new JsonObject
            {
                ["dropdown"] = new JsonObject
                {
                    ["selectList"] = new JsonObject { ["items"] = new JsonArray(items), ["isFlagsEnum"] = false },
                },
            };
        }

        return json;
    }

    private static JsonObject Output(ActivityOutputInfo output, int order) => new()
    {
        ["name"] = output.Name,
        ["typeName"] = output.TypeName,
        ["displayName"] = output.DisplayName,
        ["description"] = output.Description,
        ["order"] = order,
        ["isBrowsable"] = true,
        ["isSynthetic"] = false,
    };

    // Embedded ports hold a child activity (If's Then and Else, a loop's Body); Studio draws them inside the node.
    private static JsonObject Port(string name, string portType) => new()
    {
        ["name"] = name,
        ["displayName"] = name,
        ["type"] = portType,
        ["isBrowsable"] = true,
    };
}
