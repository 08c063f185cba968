using System.Text.Json.Nodes;
using Klachten.Server.Common;
using Klachten.Server.Persistence;
using Klachten.Server.Runtime;

namespace Klachten.Server.Features.Instances;

/// <summary>Elsa's <c>POST /events/{eventName}/trigger</c>: delivers the event (see <see cref="EventDelivery"/>).</summary>
internal static class TriggerEvent
{
    public static async Task<IResult> HandleAsync(string eventName, HttpRequest request, KlachtenDbContext db, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        JsonObject? body = null;
        if (request.ContentLength is > 0)
        {
            var (node, error) = await RequestBody.ReadJsonAsync(request, 256 * 1024, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            body = node as JsonObject;
        }

        var correlationId = body?["correlationId"]?.GetValue<string>();
        var instanceId = body?["workflowInstanceId"]?.GetValue<string>();
        var (resumed, started) = await EventDelivery.DeliverAsync(db, runtime, eventName, correlationId, instanceId, body?["payload"] as JsonObject, startSeed: null, cancellationToken);
        return TypedResults.Json(new JsonObject { ["resumedCount"] = resumed, ["startedCount"] = started });
    }
}
