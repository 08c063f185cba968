using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klachten.Workflows.Runtime;
using Microsoft.Extensions.Options;

namespace Klachten.Server.Features.HttpRequests;

/// <summary>
/// Sends one queued request (the payload of an <see cref="BookmarkKind.HttpRequest"/> bookmark) and turns the
/// outcome into what the activity resumes with: <c>{statusCode, headers, content}</c> (JSON parsed, other text as
/// text) or <c>{failure, message}</c>. Only host, method, status and duration are logged: bodies, paths and
/// queries may hold personal data.
/// </summary>
internal sealed class HttpRequestSender(IHttpClientFactory clients, IOptionsMonitor<WorkflowHttpRequestOptions> options, ILogger<HttpRequestSender> logger)
{
    public const string ClientName = "Klachten.Workflows.HttpRequests";

    public async Task<JsonObject> SendAsync(JsonObject payload, CancellationToken stopping)
    {
        var settings = options.CurrentValue;
        var url = new Uri(payload["url"]!.GetValue<string>());
        var method = payload["method"]?.GetValue<string>() ?? "GET";
        // Checked again here: the list may have changed since the step queued the request.
        if (!new HttpHostPolicy(settings.AllowedHosts).Allows(url))
        {
            logger.LogWarning("HTTP request to {Host} refused: host not allowed", url.IdnHost);
            return Failure("NotAllowed", $"HTTP-verzoek naar '{url.IdnHost}' is niet toegestaan: de host staat niet in Klachten:Workflows:HttpRequests:AllowedHosts. Er is niets verstuurd.");
        }

        HttpRequestMessage request;
        try
        {
            request = Build(payload, url, method);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException)
        {
            // The type only: a header's value may be personal data or a secret.
            logger.LogWarning("HTTP request to {Host} could not be built: {Error}", url.IdnHost, ex.GetType().Name);
            return Failure("Invalid", $"HTTP-verzoek naar '{url.IdnHost}' kon niet worden opgebouwd (een header of het inhoudstype is ongeldig).");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(settings.Timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using (request)
            using (var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token))
            {
                var body = await ReadAsync(response.Content, settings.MaxResponseBytes, timeout.Token);
                logger.LogInformation("HTTP {Method} to {Host}: {StatusCode} in {ElapsedMs} ms", method, url.IdnHost, (int)response.StatusCode, watch.ElapsedMilliseconds);
                if (body is null)
                {
                    return Failure("TooLarge", $"Het antwoord van '{url.IdnHost}' is groter dan {settings.MaxResponseBytes} bytes (Klachten:Workflows:HttpRequests:MaxResponseBytes).");
                }

                return new JsonObject { ["statusCode"] = (int)response.StatusCode, ["headers"] = Headers(response), ["content"] = Parse(response.Content.Headers.ContentType, body) };
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            logger.LogWarning("HTTP {Method} to {Host}: no response within {Timeout}", method, url.IdnHost, settings.Timeout);
            return Failure(HttpFailure.Timeout, $"Geen antwoord van '{url.IdnHost}' binnen {settings.Timeout}.");
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            logger.LogWarning("HTTP {Method} to {Host} refused by the client: {Error}", method, url.IdnHost, ex.GetType().Name);
            return Failure("Invalid", $"HTTP-verzoek naar '{url.IdnHost}' kon niet worden verstuurd ({ex.GetType().Name}).");
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("HTTP {Method} to {Host}: failed to connect ({Error})", method, url.IdnHost, ex.HttpRequestError);
            return Failure(HttpFailure.FailedToConnect, $"Geen verbinding met '{url.IdnHost}' ({ex.HttpRequestError}).");
        }
    }

    private static HttpRequestMessage Build(JsonObject payload, Uri url, string method)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (payload["content"]?.GetValue<string>() is { } text && payload["contentType"]?.GetValue<string>() is { } contentType)
        {
            request.Content = MediaTypeHeaderValue.Parse(contentType).MediaType == "application/x-www-form-urlencoded"
                ? new FormUrlEncodedContent(FormFields(text))
                : new StringContent(text, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (payload["authorization"]?.GetValue<string>() is { Length: > 0 } authorization)
        {
            if (payload["rawAuthorization"]?.GetValue<bool>() == true)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }
            else
            {
                request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
            }
        }

        foreach (var (name, values) in payload["headers"] as JsonObject ?? [])
        {
            var list = (values as JsonArray ?? []).Select(v => v?.ToString() ?? string.Empty).ToList();
            if (!request.Headers.TryAddWithoutValidation(name, list) && request.Content is not null)
            {
                // Content headers (Content-Language, …) belong on the content.
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, list);
            }
        }

        return request;
    }

    // A form body from a JSON object, or from text that is already form-encoded.
    private static IEnumerable<KeyValuePair<string, string>> FormFields(string text)
    {
        try
        {
            if (JsonNode.Parse(text) is JsonObject fields)
            {
                return fields.Select(f => KeyValuePair.Create(f.Key, f.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : f.Value?.ToJsonString() ?? string.Empty));
            }
        }
        catch (JsonException)
        {
        }

        return text.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2))
            .Select(p => KeyValuePair.Create(Uri.UnescapeDataString(p[0]), p.Length > 1 ? Uri.UnescapeDataString(p[1]) : string.Empty));
    }

    // Null when the body is larger than allowed; read in chunks so a large body is never held whole.
    private static async Task<byte[]?> ReadAsync(HttpContent content, int max, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > max)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    // As Elsa: JSON becomes an object, anything else text; no body, no content.
    private static JsonNode? Parse(MediaTypeHeaderValue? contentType, byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        var encoding = Encoding.UTF8;
        try
        {
            encoding = contentType?.CharSet is { Length: > 0 } charset ? Encoding.GetEncoding(charset.Trim('"')) : Encoding.UTF8;
        }
        catch (ArgumentException)
        {
        }

        var text = encoding.GetString(body);
        var mediaType = contentType?.MediaType ?? string.Empty;
        if (mediaType is "application/json" or "text/json" || mediaType.EndsWith("+json", StringComparison.Ordinal))
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
            }
        }

        return JsonValue.Create(text);
    }

    private static JsonObject Headers(HttpResponseMessage response)
    {
        var headers = new JsonObject();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
        }

        return headers;
    }

    private static JsonObject Failure(string kind, string message) => new() { ["failure"] = kind, ["message"] = message };
}

/// <summary>The failure kinds the activities take a path for; any other kind faults the activity.</summary>
internal static class HttpFailure
{
    public const string FailedToConnect = "FailedToConnect";
    public const string Timeout = "Timeout";
}
