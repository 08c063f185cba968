using System.Text.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Common;

namespace Klachten.Server.Features.Tasks;

/// <summary>The body of a completion: <c>{ "outcome", "comment", "data": { … }, "version" }</c>.</summary>
internal sealed record CompleteTaskRequest(string Outcome, string? Comment, JsonObject Data, int Version)
{
    private const long BodyLimitBytes = 64 * 1024;

    public static async Task<(CompleteTaskRequest? Request, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0)
        {
            return (null, ProblemResponses.BadRequest("Stuur een JSON-object mee met ten minste 'outcome' en 'version'."));
        }

        var (node, error) = await RequestBody.ReadJsonAsync(request, BodyLimitBytes, cancellationToken);
        if (error is not null)
        {
            return (null, error);
        }

        return node is JsonObject body
            ? Parse(body)
            : (null, ProblemResponses.BadRequest("De inhoud moet een JSON-object zijn."));
    }

    private static (CompleteTaskRequest? Request, IResult? Error) Parse(JsonObject body)
    {
        var errors = new Dictionary<string, string[]>();
        var outcome = Text(body["outcome"]);
        if (string.IsNullOrWhiteSpace(outcome))
        {
            errors["outcome"] = ["Kies een uitkomst (outcome)."];
        }

        var comment = Text(body["comment"]);
        if (body["comment"] is not null && comment is null)
        {
            errors["comment"] = ["'comment' moet tekst zijn."];
        }
        else if (comment is not null && comment.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            // PostgreSQL cannot store U+0000, and no other control character belongs in a comment either.
            errors["comment"] = ["De toelichting bevat ongeldige tekens."];
        }

        var data = body["data"];
        if (data is not null and not JsonObject)
        {
            errors["data"] = ["'data' moet een object zijn."];
        }

        var version = body["version"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var number) ? number : 0;
        if (version < 1)
        {
            errors["version"] = ["Geef de versie (version) van de taak mee zoals u die hebt opgehaald, een geheel getal vanaf 1."];
        }

        return errors.Count > 0
            ? (null, ProblemResponses.Validation(errors))
            : (new CompleteTaskRequest(outcome!, comment, data?.DeepClone().AsObject() ?? [], version), null);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
