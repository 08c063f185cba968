using System.Text.Json.Nodes;
using Klachten.Server.Common;
using Klachten.Server.Features.Definitions;
using Klachten.Server.Runtime;

namespace Klachten.Server.Features.Instances;

/// <summary>Elsa's <c>execute</c> (run until finished or waiting, answer with the state) and <c>dispatch</c> (queue).</summary>
internal static class ExecuteWorkflow
{
    private const long BodyLimitBytes = 256 * 1024;

    public static async Task<IResult> ExecuteAsync(string definitionId, HttpRequest request, WorkflowRuntime runtime, HttpResponse response, CancellationToken cancellationToken)
    {
        var (input, correlationId, versionOptions, error) = await ReadAsync(request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var outcome = await runtime.StartAsync(definitionId, input, correlationId, cancellationToken, versionOptions: versionOptions);
        if (outcome.Status == StepStatus.NotFound)
        {
            return ProblemResponses.NotFound(outcome.Message!);
        }

        // The headers Studio's client reads (it ignores the status code and the body).
        var state = outcome.State!;
        response.Headers["x-elsa-workflow-instance-id"] = state.Id;
        response.Headers["x-elsa-workflow-cannot-start"] = "False";
        response.Headers["x-elsa-response"] = "true";

        // Every outcome is 200 with the state: finished, suspended with its bookmarks, cancelled, or faulted with its
        // incidents. Elsa 3 answers a faulted run with 500 and this same body; we deliberately do not, because a fault
        // is the workflow's outcome, not a server failure, and a 5xx would count as one in proxies, logs and alerts.
        return TypedResults.Json(new JsonObject { ["workflowState"] = ElsaInstanceMapper.ToWorkflowState(state) });
    }

    public static async Task<IResult> DispatchAsync(string definitionId, HttpRequest request, DispatchQueue queue, Klachten.Server.Persistence.KlachtenDbContext db, CancellationToken cancellationToken)
    {
        var (input, correlationId, _, error) = await ReadAsync(request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (await db.FindVersionAsync(definitionId, new VersionOptions(VersionSelector.Published), cancellationToken) is null)
        {
            return ProblemResponses.NotFound($"Workflow '{definitionId}' heeft geen gepubliceerde versie.");
        }

        var instanceId = Guid.CreateVersion7().ToString("N");
        await queue.EnqueueAsync(definitionId, instanceId, input, correlationId, cancellationToken);
        return TypedResults.Json(new JsonObject { ["workflowInstanceId"] = instanceId });
    }

    // The body is optional: {input, correlationId, versionOptions}. Studio's ▶ sends versionOptions "Latest" to run the
    // designer's version, a draft included; without it the published version runs.
    private static async Task<(JsonObject? Input, string? CorrelationId, VersionOptions? VersionOptions, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0)
        {
            return (null, null, null, null);
        }

        var (node, error) = await RequestBody.ReadJsonAsync(request, BodyLimitBytes, cancellationToken);
        if (error is not null)
        {
            return (null, null, null, error);
        }

        if (node is not JsonObject body)
        {
            return (null, null, null, ProblemResponses.BadRequest("De inhoud moet een JSON-object zijn."));
        }

        if (body["input"] is { } input and not JsonObject)
        {
            return (null, null, null, ProblemResponses.Validation(new Dictionary<string, string[]> { ["input"] = ["'input' moet een object zijn."] }));
        }

        VersionOptions? versionOptions = null;
        if (body["versionOptions"] is JsonValue versionValue && versionValue.TryGetValue<string>(out var versionText) && !string.IsNullOrWhiteSpace(versionText))
        {
            if (!VersionOptions.TryParse(versionText, out var parsed) || parsed.Selector == VersionSelector.Any)
            {
                return (null, null, null, ProblemResponses.Validation(new Dictionary<string, string[]> { ["versionOptions"] = [$"Onbekende waarde '{versionText}'."] }));
            }

            versionOptions = parsed;
        }

        var correlation = body["correlationId"] is JsonValue c && c.TryGetValue<string>(out var text) ? text : null;
        return (body["input"]?.DeepClone().AsObject(), correlation, versionOptions, null);
    }
}
