using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Server.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Instances;

/// <summary>One instance as Studio's viewer reads it: the instance with its state, its execution state, its variables.</summary>
internal static class GetInstance
{
    public static async Task<IResult> HandleAsync(string id, KlachtenDbContext db, CancellationToken cancellationToken) =>
        await InstanceRequests.FindAsync(db, id, cancellationToken) is (var instance, var state)
            ? TypedResults.Json(ElsaInstanceMapper.ToDetail(instance, state))
            : InstanceRequests.NotFound(id);

    /// <summary>Polled by Studio every few seconds, so it reads three columns and never the state.</summary>
    public static async Task<IResult> ExecutionStateAsync(string id, KlachtenDbContext db, CancellationToken cancellationToken)
    {
        var row = await db.WorkflowInstances.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new { i.Status, i.SubStatus, i.UpdatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return InstanceRequests.NotFound(id);
        }

        // Elsa's server writes subStatus; Elsa's client model reads workflowSubStatus. Both are sent.
        return TypedResults.Json(new JsonObject
        {
            ["status"] = row.Status,
            ["subStatus"] = row.SubStatus,
            ["workflowSubStatus"] = row.SubStatus,
            ["updatedAt"] = row.UpdatedAt,
        });
    }

    /// <summary>The instance's variables with the ids the definition gives them (a variable set only by a script uses its name).</summary>
    public static async Task<IResult> VariablesAsync(string id, KlachtenDbContext db, DefinitionCache definitions, CancellationToken cancellationToken)
    {
        if (await InstanceRequests.FindAsync(db, id, cancellationToken) is not (_, var state))
        {
            return InstanceRequests.NotFound(id);
        }

        var definition = await definitions.GetAsync(db, state.DefinitionVersionId, cancellationToken);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in definition?.Variables?.OfType<JsonObject>() ?? [])
        {
            if (variable["name"] is JsonValue name && name.TryGetValue<string>(out var text)
                && variable["id"] is JsonValue variableId && variableId.TryGetValue<string>(out var idText))
            {
                ids.TryAdd(text, idText);
            }
        }

        var items = state.Variables
            .Select(v => (JsonNode)new JsonObject
            {
                ["id"] = ids.GetValueOrDefault(v.Key, v.Key),
                ["name"] = v.Key,
                ["value"] = v.Value?.DeepClone(),
            })
            .ToArray();
        return TypedResults.Json(new JsonObject { ["items"] = new JsonArray(items), ["count"] = items.Length });
    }
}
