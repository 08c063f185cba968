using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Klachten.Server.Common;

/// <summary>Reads a JSON body with a hard size limit, so bad input is a clear 4xx before anything is parsed or stored.</summary>
internal static class RequestBody
{
    public const long DefinitionLimitBytes = 2 * 1024 * 1024;

    public static async Task<(JsonNode? Node, IResult? Error)> ReadJsonAsync(HttpRequest request, long limitBytes, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Niet-ondersteund inhoudstype",
                detail: "Stuur de gegevens als application/json."));
        }

        if (request.ContentLength > limitBytes)
        {
            return (null, TooLarge(limitBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limitBytes)
            {
                return (null, TooLarge(limitBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            var node = JsonNode.Parse(buffer.ToArray(), documentOptions: new JsonDocumentOptions { MaxDepth = 64 });

            // The parser accepts an escaped lone surrogate ("\ud800"); reading that string later throws. Writing the
            // node once reads every string and name now, so such input is a 400 here and not a 500 somewhere else.
            _ = node?.ToJsonString();
            return node is null
                ? (null, ProblemResponses.BadRequest("De inhoud van het verzoek is leeg."))
                : (node, null);
        }
        catch (JsonException ex)
        {
            return (null, ProblemResponses.BadRequest($"De inhoud is geen geldige JSON: {ex.Message}"));
        }
        catch (InvalidOperationException ex)
        {
            return (null, ProblemResponses.BadRequest($"De inhoud bevat ongeldige tekst: {ex.Message}"));
        }
    }

    private static ProblemHttpResult TooLarge(long limitBytes) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Verzoek te groot",
            detail: $"De inhoud is groter dan {limitBytes / 1024 / 1024} MB.");
}
