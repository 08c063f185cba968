using System.Globalization;
using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>
/// Elsa's FlowSendHttpRequest: sends a request and leaves through the port of the status code when it is one of the
/// expected codes (else <c>Unmatched status code</c>), together with <c>Done</c>; with no expected codes only
/// <c>Done</c>. A refused connection leaves through <c>Failed to connect</c>, a request that takes too long through
/// <c>Timeout</c>.
/// </summary>
internal sealed class FlowSendHttpRequestActivity : IActivityBehavior
{
    public const string Type = "Elsa.FlowSendHttpRequest";

    private static readonly string[] FixedPorts = [HttpRequests.UnmatchedStatusCode, HttpRequests.FailedToConnect, HttpRequests.Timeout, "Done"];

    public ActivityTypeInfo Descriptor { get; } = new(Type, "HTTP", "HTTP-verzoek (flow)", "Verstuurt een HTTP-verzoek en gaat verder via de uitgang van de statuscode.", ActivityKind.Task)
    {
        Ports = FixedPorts,
        PortsFromInput = "ExpectedStatusCodes",
        PortsWhenEmpty = FixedPorts,
        Inputs =
        [
            .. HttpRequests.Inputs,
            new("ExpectedStatusCodes", "Int32[]", "Verwachte statuscodes", "De statuscodes met een eigen uitgang; elke andere gaat via 'Unmatched status code'.", "multitext",
                DefaultSyntax: "Object", DefaultValue: "[\"200\"]"),
        ],
        Outputs = HttpRequests.Outputs,
    };

    public ActivityResult Execute(ActivityContext context)
    {
        var (bookmark, fault) = HttpRequests.Prepare(context);
        return bookmark is null ? ActivityResult.Fault(fault!) : ActivityResult.Suspend(bookmark);
    }

    public ActivityResult Resume(ActivityContext context, Bookmark bookmark, JsonObject? input)
    {
        var reply = HttpRequests.Receive(context, input);
        switch (reply.Failure)
        {
            case HttpRequests.FailedToConnectKind:
                return ActivityResult.Complete(HttpRequests.FailedToConnect);
            case HttpRequests.TimeoutKind:
                return ActivityResult.Complete(HttpRequests.Timeout);
            case { } other:
                return ActivityResult.Fault(reply.Message ?? $"HTTP-verzoek mislukt ({other}).");
        }

        var expected = ExpectedCodes(context);
        if (expected.Count == 0)
        {
            return ActivityResult.Done;
        }

        var status = reply.StatusCode!.Value;
        return ActivityResult.Complete(expected.Contains(status) ? status.ToString(CultureInfo.InvariantCulture) : HttpRequests.UnmatchedStatusCode, "Done");
    }

    private static HashSet<int> ExpectedCodes(ActivityContext context)
    {
        var codes = new HashSet<int>();
        foreach (var item in context.GetStrings("expectedStatusCodes"))
        {
            codes.Add(HttpRequests.StatusCode(JsonValue.Create(item))
                ?? throw new Expressions.ExpressionException($"HTTP-verzoek: '{item}' is geen statuscode."));
        }

        return codes;
    }
}
