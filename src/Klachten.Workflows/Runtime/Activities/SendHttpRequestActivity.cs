using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>
/// Elsa's SendHttpRequest: sends a request, then runs the activity of the expected status code's case (the first with
/// that code), else <c>UnmatchedStatusCode</c>; <c>FailedToConnect</c> or <c>Timeout</c> when no response came. It
/// completes when that activity does, or at once when there is none. Cases: <c>expectedStatusCodes: [{ statusCode, activity }]</c>.
/// </summary>
internal sealed class SendHttpRequestActivity : IContainerBehavior
{
    public const string Type = "Elsa.SendHttpRequest";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "HTTP", "HTTP-verzoek", "Verstuurt een HTTP-verzoek en voert de activiteit van de statuscode uit.", ActivityKind.Task)
    {
        EmbeddedPorts = ["UnmatchedStatusCode", "FailedToConnect", "Timeout"],
        Inputs =
        [
            .. HttpRequests.Inputs,
            new("ExpectedStatusCodes", "Object", "Verwachte statuscodes", "De statuscodes met elk de activiteit die dan wordt uitgevoerd.", "http-status-codes", IsWrapped: false),
        ],
        Outputs = HttpRequests.Outputs,
    };

    public ContainerStep Start(ActivityContext context)
    {
        var (bookmark, fault) = HttpRequests.Prepare(context);
        return bookmark is null ? ContainerStep.Faulted(fault!) : ContainerStep.Suspend(bookmark);
    }

    public ContainerStep Resumed(ActivityContext context, Bookmark bookmark, JsonObject? input)
    {
        var reply = HttpRequests.Receive(context, input);
        ActivityModel? next;
        switch (reply.Failure)
        {
            case HttpRequests.FailedToConnectKind:
                next = context.Activity.EmbeddedAt("failedToConnect");
                break;
            case HttpRequests.TimeoutKind:
                next = context.Activity.EmbeddedAt("timeout");
                break;
            case { } failure:
                return ContainerStep.Faulted(reply.Message ?? $"HTTP-verzoek mislukt ({failure}).");
            default:
                next = ForStatus(context, reply.StatusCode!.Value);
                break;
        }

        return next is null ? ContainerStep.Complete() : ContainerStep.Run(next);
    }

    public ContainerStep ChildCompleted(ActivityContext context, ActivityModel child, IReadOnlyList<string> outcomes) => ContainerStep.Complete();

    // As Elsa: a matching case runs its activity (nothing when it has none); no matching case runs UnmatchedStatusCode.
    private static ActivityModel? ForStatus(ActivityContext context, int status)
    {
        var cases = context.Activity.GetInput("expectedStatusCodes") as JsonArray ?? [];
        for (var i = 0; i < cases.Count; i++)
        {
            if (HttpRequests.StatusCode((cases[i] as JsonObject)?["statusCode"]) == status)
            {
                return context.Activity.EmbeddedAt($"expectedStatusCodes/{i}/activity");
            }
        }

        return context.Activity.EmbeddedAt("unmatchedStatusCode");
    }
}
