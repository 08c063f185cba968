using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>
/// What SendHttpRequest and FlowSendHttpRequest share (Elsa's <c>SendHttpRequestBase</c>). The engine sends nothing:
/// the activity waits on an <see cref="BookmarkKind.HttpRequest"/> bookmark whose payload is the request, the host
/// sends it and resumes the bookmark with <c>{statusCode, headers, content}</c> or <c>{failure, message}</c>.
/// </summary>
internal static class HttpRequests
{
    public const string UnmatchedStatusCode = "Unmatched status code";
    public const string FailedToConnect = "Failed to connect";
    public const string Timeout = "Timeout";

    /// <summary>Failure kinds the host resumes with.</summary>
    public const string FailedToConnectKind = "FailedToConnect";
    public const string TimeoutKind = "Timeout";

    public static IReadOnlyList<ActivityInputInfo> Inputs { get; } =
    [
        new("Url", "String", "URL", "Het adres waar het verzoek heen gaat (http of https); de host moet in Klachten:Workflows:HttpRequests:AllowedHosts staan."),
        new("Method", "String", "Methode", "De HTTP-methode van het verzoek.", "dropdown",
            [("GET", "GET"), ("POST", "POST"), ("PUT", "PUT"), ("DELETE", "DELETE"), ("PATCH", "PATCH"), ("OPTIONS", "OPTIONS"), ("HEAD", "HEAD")], DefaultValue: "GET"),
        new("Content", "Object", "Inhoud", "De inhoud van het verzoek: tekst, of een object (als JSON of als formulier). Alleen verstuurd met een inhoudstype.", "multiline"),
        new("ContentType", "String", "Inhoudstype", "Het inhoudstype van het verzoek.", "dropdown",
            [("", ""), ("application/json", "application/json"), ("application/x-www-form-urlencoded", "application/x-www-form-urlencoded"), ("application/xml", "application/xml"),
             ("text/html", "text/html"), ("text/json", "text/json"), ("text/plain", "text/plain"), ("text/xml", "text/xml")]),
        new("Authorization", "String", "Autorisatie", "De waarde van de Authorization-header, bijvoorbeeld 'Bearer {token}'; niet in de geschiedenis bewaard."),
        new("DisableAuthorizationHeaderValidation", "Boolean", "Autorisatie niet controleren", "Zet de Authorization-header zonder de vorm te controleren.", "checkbox"),
        new("RequestHeaders", "Object", "Headers", "Extra headers als JSON-object, bijvoorbeeld {\"X-Bron\": \"klachten\"}.", "json-editor"),
    ];

    public static IReadOnlyList<ActivityOutputInfo> Outputs { get; } =
    [
        new("StatusCode", "Int32", "Statuscode", "De HTTP-statuscode van het antwoord."),
        new("ParsedContent", "Object", "Inhoud van het antwoord", "JSON als object, andere inhoud als tekst; leeg zonder inhoud."),
        new("ResponseHeaders", "Object", "Headers van het antwoord", "De headers van het antwoord."),
    ];

    /// <summary>The request as a bookmark, or a Dutch reason why it cannot be sent (nothing is sent then).</summary>
    public static (BookmarkRequest? Bookmark, string? Fault) Prepare(ActivityContext context)
    {
        var url = context.GetString("url");
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return (null, $"HTTP-verzoek: '{url}' is geen http- of https-adres.");
        }

        if (context.Services.HttpHosts is { } policy && !policy.Allows(uri))
        {
            return (null, NotAllowed(uri.IdnHost));
        }

        var method = (context.GetString("method") is { Length: > 0 } m ? m : "GET").Trim().ToUpperInvariant();
        if (!method.All(char.IsAsciiLetter))
        {
            return (null, $"HTTP-verzoek: '{method}' is geen HTTP-methode.");
        }

        var payload = new JsonObject { ["url"] = uri.AbsoluteUri, ["method"] = method, ["headers"] = Headers(context.Evaluate("requestHeaders")) };
        var authorization = context.GetString("authorization");
        // A token is a secret: it is sent, but the journal's record of the evaluated inputs does not keep it.
        context.EvaluatedInputs.Remove("authorization");
        if (!string.IsNullOrWhiteSpace(authorization))
        {
            payload["authorization"] = authorization;
            payload["rawAuthorization"] = context.GetBool("disableAuthorizationHeaderValidation") ?? false;
        }

        // As Elsa: a body goes only with a content type.
        var contentType = context.GetString("contentType");
        var content = context.Evaluate("content");
        if (!string.IsNullOrWhiteSpace(contentType) && content is not null)
        {
            payload["contentType"] = contentType.Trim();
            payload["content"] = content is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : content.ToJsonString();
        }

        context.JournalPayload["request"] = $"{method} {uri.IdnHost}";
        return (new BookmarkRequest(BookmarkKind.HttpRequest, Payload: payload), null);
    }

    /// <summary>The Dutch fault for a host that is not allowed.</summary>
    public static string NotAllowed(string host) =>
        $"HTTP-verzoek naar '{host}' is niet toegestaan: de host staat niet in Klachten:Workflows:HttpRequests:AllowedHosts. Er is niets verstuurd.";

    /// <summary>Reads what the host resumed with and sets the outputs of a response.</summary>
    public static Reply Receive(ActivityContext context, JsonObject? input)
    {
        if (input?["failure"]?.ToString() is { } failure)
        {
            var message = input["message"]?.ToString();
            context.JournalPayload["error"] = message;
            return new Reply(failure, null, message);
        }

        var status = input?["statusCode"] is JsonValue s && s.TryGetValue<int>(out var code) ? code : 0;
        context.Outputs["statusCode"] = status;
        context.Outputs["parsedContent"] = input?["content"]?.DeepClone();
        context.Outputs["responseHeaders"] = input?["headers"]?.DeepClone() ?? new JsonObject();
        context.JournalPayload["statusCode"] = status;
        return new Reply(null, status, null);
    }

    /// <summary>A status code written as a number or as text; null otherwise.</summary>
    public static int? StatusCode(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<string>(out var s) && int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    // Elsa's HttpHeaders: an object of name → value or values, or JSON text holding one.
    private static JsonObject Headers(JsonNode? node)
    {
        if (node is JsonValue text && text.TryGetValue<string>(out var json) && json.TrimStart().StartsWith('{'))
        {
            try
            {
                node = JsonNode.Parse(json);
            }
            catch (JsonException ex)
            {
                throw new Expressions.ExpressionException($"HTTP-verzoek: de headers zijn geen JSON-object: {ex.Message}");
            }
        }

        var headers = new JsonObject();
        foreach (var (name, value) in node as JsonObject ?? [])
        {
            var values = value is JsonArray array ? array.Select(i => i?.ToString()).OfType<string>() : value is null ? [] : [value.ToString()];
            headers[name] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
        }

        return headers;
    }

    /// <summary>What came back: a failure kind (<see cref="FailedToConnectKind"/>, <see cref="TimeoutKind"/>, or any other
    /// kind, which faults), or a status code.</summary>
    public sealed record Reply(string? Failure, int? StatusCode, string? Message);
}
