using System.Text.Json;
using Klachten.Server.Common;
using Klachten.Server.Persistence;
using Klachten.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Instances;

/// <summary>Shared reading of request bodies and instance rows for the instance endpoints.</summary>
internal static class InstanceRequests
{
    private const long BodyLimitBytes = 64 * 1024;
    private static readonly JsonSerializerOptions BodyOptions = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Reads an optional JSON body into <typeparamref name="T"/>. No body gives <paramref name="empty"/>; a body of
    /// the wrong shape is a 400 problem naming the field, never a 500.
    /// </summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, T empty, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0)
        {
            return (empty, null);
        }

        var (node, error) = await RequestBody.ReadJsonAsync(request, BodyLimitBytes, cancellationToken);
        if (error is not null)
        {
            return (null, error);
        }

        if (node is not System.Text.Json.Nodes.JsonObject)
        {
            return (null, ProblemResponses.BadRequest("De inhoud moet een JSON-object zijn."));
        }

        try
        {
            return (node.Deserialize<T>(BodyOptions) ?? empty, null);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) ? string.Empty : ex.Path.TrimStart('$', '.');
            return (null, ProblemResponses.Validation(new Dictionary<string, string[]> { [field] = [$"Ongeldige waarde voor '{field}'."] }));
        }
    }

    /// <summary>The instance row and its parsed state, or null when the instance does not exist.</summary>
    public static async Task<(WorkflowInstanceEntity Instance, WorkflowState State)?> FindAsync(KlachtenDbContext db, string id, CancellationToken cancellationToken)
    {
        var instance = await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        return instance is null ? null : (instance, WorkflowStateJson.Deserialize(instance.StateJson));
    }

    public static Task<bool> ExistsAsync(KlachtenDbContext db, string id, CancellationToken cancellationToken) =>
        db.WorkflowInstances.AsNoTracking().AnyAsync(i => i.Id == id, cancellationToken);

    public static IResult NotFound(string id) => ProblemResponses.NotFound($"Workflowinstantie '{id}' bestaat niet.");
}
