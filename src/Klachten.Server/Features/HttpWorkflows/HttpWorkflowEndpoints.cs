using System.Text;
using System.Text.Json.Nodes;
using Klachten.Server.Common;
using Klachten.Server.Features.Auth;
using Klachten.Server.Persistence;
using Klachten.Server.Runtime;
using Klachten.Workflows.Runtime;
using Microsoft.Extensions.Options;

namespace Klachten.Server.Features.HttpWorkflows;

/// <summary>
/// Elsa's HTTP endpoints: a request under <see cref="HttpWorkflowOptions.BasePath"/> starts every published workflow
/// whose HttpEndpoint (marked "can start workflow") has that path and method, at that activity, with the request as
/// input; the first WriteHttpResponse of those runs is the answer (204 when none wrote one, 404 when no workflow
/// listens there). A staff role is required, as everywhere in the API, and a change needs an API key (no cookie).
/// </summary>
internal static class HttpWorkflowEndpoints
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public static IHostApplicationBuilder AddHttpWorkflows(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<HttpWorkflowOptions>(HttpWorkflowOptions.SectionName);
        return builder;
    }

    public static WebApplication MapHttpWorkflows(this WebApplication app)
    {
        var basePath = app.Services.GetRequiredService<IOptions<HttpWorkflowOptions>>().Value.BasePath;
        app.MapMethods(basePath + "/{**path}", Methods, HandleAsync).RequireAuthorization(Policies.Staff).WithMetadata(MachineEndpoint.Instance);
        return app;
    }

    private static async Task<IResult> HandleAsync(string? path, HttpRequest request, KlachtenDbContext db, WorkflowRuntime runtime,
        IOptions<HttpWorkflowOptions> options, CancellationToken cancellationToken)
    {
        var method = request.Method.ToUpperInvariant();
        var triggers = await HttpTriggers.FindAsync(db, path ?? string.Empty, method, cancellationToken);
        if (triggers.Count == 0)
        {
            return ProblemResponses.NotFound($"Geen gepubliceerde workflow luistert naar {method} op '{path}'.");
        }

        var (body, error) = await BodyAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var input = new JsonObject
        {
            ["method"] = method,
            ["path"] = path ?? string.Empty,
            ["query"] = new JsonObject([.. request.Query.Select(q => KeyValuePair.Create(q.Key, (JsonNode?)q.Value.ToString()))]),
            ["body"] = body,
        };
        HttpResponseRequested? response = null;
        foreach (var (definitionId, activityId) in triggers)
        {
            var outcome = await runtime.StartAsync(definitionId, input.DeepClone().AsObject(), null, cancellationToken, triggerActivityId: activityId);
            response ??= outcome.Effects.OfType<HttpResponseRequested>().FirstOrDefault();
        }

        return response switch
        {
            null => TypedResults.NoContent(),
            { Content: JsonValue text } when text.GetValueKind() == System.Text.Json.JsonValueKind.String =>
                TypedResults.Text(text.GetValue<string>(), response.ContentType, Encoding.UTF8, response.StatusCode),
            _ => TypedResults.Text(response.Content?.ToJsonString() ?? "null", response.ContentType, Encoding.UTF8, response.StatusCode),
        };
    }

    // JSON bodies as JSON, anything else as text; bounded like every other body.
    private static async Task<(JsonNode? Body, IResult? Error)> BodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0)
        {
            return (null, null);
        }

        if (request.HasJsonContentType())
        {
            return await RequestBody.ReadJsonAsync(request, limit, cancellationToken);
        }

        if (request.ContentLength > limit)
        {
            return (null, ProblemResponses.BadRequest($"De inhoud is groter dan {limit} bytes."));
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return text.Length > limit ? (null, ProblemResponses.BadRequest($"De inhoud is groter dan {limit} bytes.")) : (JsonValue.Create(text), null);
    }
}
