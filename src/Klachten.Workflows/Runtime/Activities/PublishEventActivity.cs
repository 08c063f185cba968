using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>
/// Publishes an event (Elsa's PublishEvent): after this step has committed it resumes the Event activities waiting on
/// that name (and correlation id, when given) and starts the workflows an Event with that name can start. A local event
/// reaches only this instance and starts nothing.
/// </summary>
internal sealed class PublishEventActivity : IActivityBehavior
{
    public const string Type = "Elsa.PublishEvent";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Primitives", "Gebeurtenis publiceren", "Publiceert een gebeurtenis met een naam.")
    {
        Inputs =
        [
            new("EventName", "String", "Naam van de gebeurtenis", "De gebeurtenis die wordt gepubliceerd."),
            new("CorrelationId", "String", "Correlatie-id", "Alleen instanties met dit correlatie-id krijgen de gebeurtenis; leeg voor alle."),
            new("IsLocalEvent", "Boolean", "Lokale gebeurtenis", "Alleen deze instantie krijgt de gebeurtenis.", "checkbox"),
            new("Payload", "Object", "Inhoud", "De gegevens die met de gebeurtenis meegaan.", DefaultSyntax: "JavaScript"),
        ],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        var name = context.GetString("eventName");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ExpressionException("PublishEvent heeft geen naam (eventName).");
        }

        var correlationId = context.GetString("correlationId");
        var local = context.GetBool("isLocalEvent") ?? false;
        var payload = context.Evaluate("payload") switch
        {
            null => null,
            JsonObject obj => obj,
            var other => new JsonObject { ["value"] = other.DeepClone() },
        };
        context.AddEffect(new EventPublished(context.StableId("event"), name, string.IsNullOrWhiteSpace(correlationId) ? null : correlationId,
            local ? context.State.Id : null, payload));
        return ActivityResult.Done;
    }
}
