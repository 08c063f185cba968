using System.Globalization;
using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;
using Klachten.Workflows.Terms;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Requests a letter: an outbox message to the notification service with a stable id.</summary>
internal sealed class SendLetterActivity : IActivityBehavior
{
    public string TypeName => ActivityTypes.SendLetter;

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
