using System.Globalization;
using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;
using Klachten.Workflows.Terms;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Requests a letter: an outbox message to the notification service with a stable id.</summary>
internal sealed class SendLetterActivity : IActivityBehavior
{
    public const string Type = "Klachten.SendLetter";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Klachten", "Brief versturen", "Vraagt een brief aan bij de notificatiedienst.")
    {
        Inputs =
        [
            new("LetterKind", "String", "Soort brief", "Het briefsjabloon, bijvoorbeeld Ontvangstbevestiging."),
            new("Recipients", "String[]", "Ontvangers", "Wie de brief krijgt, bijvoorbeeld klager.", "multitext"),
            new("CopyTo", "String[]", "Kopie aan", "Wie een kopie krijgt.", "multitext"),
            new("Attachments", "String[]", "Bijlagen", "Bijlagen bij de brief.", "multitext"),
        ],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        var kind = context.GetString("letterKind") ?? context.GetString("template");
        if (string.IsNullOrWhiteSpace(kind))
        {
            return ActivityResult.Fault("Een brief heeft een soort (letterKind) nodig.");
        }

        var payload = new JsonObject
        {
            ["workflowInstanceId"] = context.State.Id,
            ["correlationId"] = context.State.CorrelationId,
            ["letterKind"] = kind,
            ["recipients"] = ToArray(context.GetStrings("recipients")),
            ["copyTo"] = ToArray(context.GetStrings("copyTo")),
            ["attachments"] = ToArray(context.GetStrings("attachments")),
            ["activityId"] = context.Activity.Id,
        };
        var messageId = context.StableId("letter");
        payload["messageId"] = messageId;
        context.AddEffect(new PublishMessage(messageId, "SendLetter", payload));
        context.JournalPayload["letterKind"] = kind;
        return ActivityResult.Done;
    }

    private static JsonArray ToArray(IReadOnlyList<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
