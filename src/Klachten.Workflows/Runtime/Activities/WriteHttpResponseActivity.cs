using System.Globalization;
using System.Text.Json;
using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Answers the HTTP request that started the workflow (status, content type, content).</summary>
internal sealed class WriteHttpResponseActivity : IActivityBehavior
{
    public const string Type = "Elsa.WriteHttpResponse";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "HTTP", "HTTP-antwoord", "Geeft het antwoord op het verzoek dat de workflow startte.")
    {
        Inputs =
        [
            new("StatusCode", "HttpStatusCode", "Status", "De HTTP-status, standaard 200.", DefaultValue: "OK"),
            new("Content", "Object", "Inhoud", "De inhoud: tekst, of een object dat als JSON wordt verstuurd.", "multiline"),
            new("ContentType", "String", "Inhoudstype", "Standaard text/plain voor tekst en application/json voor de rest."),
        ],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        var status = Status(context.GetString("statusCode"));
        if (status is null)
        {
            return ActivityResult.Fault($"WriteHttpResponse: '{context.GetString("statusCode")}' is geen HTTP-status.");
        }

        var content = context.Evaluate("content");
        var isText = content is System.Text.Json.Nodes.JsonValue v && v.GetValueKind() == JsonValueKind.String;
        var contentType = context.GetString("contentType") is { Length: > 0 } given ? given : isText ? "text/plain; charset=utf-8" : "application/json";
        context.AddEffect(new HttpResponseRequested(status.Value, contentType, content));
        return ActivityResult.Done;
    }

    // Elsa's StatusCode is System.Net.HttpStatusCode: a name (OK, Created) or a number.
    private static int? Status(string? text) => text switch
    {
        null or "" => 200,
        _ when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599 => code,
        _ when Enum.TryParse<System.Net.HttpStatusCode>(text, ignoreCase: true, out var named) => (int)named,
        _ => null,
    };
}
