using System.Text.Json;
using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>
/// What ExecuteWorkflow and DispatchWorkflow share: their inputs, the start request and the resume. Both always wait on a
/// bookmark, so that the host, which starts the child, can also fault the activity when the child cannot start.
/// </summary>
internal static class ChildWorkflowRequests
{
    public static IReadOnlyList<ActivityInputInfo> Inputs { get; } =
    [
        new("WorkflowDefinitionId", "String", "Workflow", "De workflow die als nieuwe instantie start (de gepubliceerde versie).", "workflow-definition-picker"),
        new("CorrelationId", "String", "Correlatie-id", "Het correlatie-id van de nieuwe instantie."),
        new("Input", "ObjectDictionary", "Invoer", "De invoer van de nieuwe instantie, een object.", DefaultSyntax: "JavaScript"),
        new("WaitForCompletion", "Boolean", "Wachten tot klaar", "Deze activiteit is pas klaar als de nieuwe instantie klaar is.", "checkbox"),
    ];

    public static ActivityResult Request(ActivityContext context, bool dispatch)
    {
        var definitionId = context.GetString("workflowDefinitionId");
        if (string.IsNullOrWhiteSpace(definitionId))
        {
            return ActivityResult.Fault($"{context.Activity.Type} heeft geen workflow (workflowDefinitionId).");
        }

        var input = InputObject(context.Evaluate("input"));
        input["ParentInstanceId"] = context.State.Id;
        var correlationId = context.GetString("correlationId");
        var wait = context.GetBool("waitForCompletion") ?? false;
        // A retry runs the same execution again after a fault (an incident more): it asks for a new child, not the same one.
        var attempt = context.State.Incidents.Count;
        var instanceId = context.StableId($"child-instance/{attempt}").Replace("-", string.Empty, StringComparison.Ordinal);
        var bookmarkId = context.StableId($"child-bookmark/{attempt}").Replace("-", string.Empty, StringComparison.Ordinal);
        context.AddEffect(new ChildWorkflowRequested(instanceId, definitionId, input, string.IsNullOrWhiteSpace(correlationId) ? null : correlationId,
            context.State.Id, bookmarkId, wait, dispatch));
        context.JournalPayload["childInstanceId"] = instanceId;
        var payload = new JsonObject { ["childInstanceId"] = instanceId, ["waitForCompletion"] = wait };
        return ActivityResult.Suspend(new BookmarkRequest(BookmarkKind.ChildWorkflow, Payload: payload, Id: bookmarkId));
    }

    /// <summary>The host resumes with the result (Elsa's shapes, chosen by the host) or with a fault.</summary>
    public static ActivityResult Resume(ActivityContext context, JsonObject? input)
    {
        if (input?[ChildWorkflowFault.Key] is JsonValue fault)
        {
            return ActivityResult.Fault(fault.ToString());
        }

        if (input is not null)
        {
            context.Outputs["result"] = input.DeepClone();
        }

        return ActivityResult.Done;
    }

    // Elsa's input is a dictionary: an object, or text holding one (a Literal or JSON expression).
    private static JsonObject InputObject(JsonNode? value)
    {
        switch (value)
        {
            case null:
                return [];
            case JsonObject obj:
                return obj;
            case JsonValue text when text.GetValueKind() == JsonValueKind.String:
                var raw = text.GetValue<string>();
                if (string.IsNullOrWhiteSpace(raw))
                {
                    return [];
                }

                try
                {
                    return JsonNode.Parse(raw) as JsonObject ?? throw new ExpressionException("De invoer (input) is geen object.");
                }
                catch (JsonException ex)
                {
                    throw new ExpressionException($"De invoer (input) is geen object: {ex.Message}");
                }

            default:
                throw new ExpressionException("De invoer (input) is geen object.");
        }
    }
}
