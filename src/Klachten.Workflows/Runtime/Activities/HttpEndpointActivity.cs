using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>
/// Starts the workflow when a request reaches its path under the server's workflow base path (marked "can start
/// workflow"); the request (method, path, query, body) is its result and the workflow's input. Every such request
/// needs a signed-in caller with a staff role (an API key): there are no anonymous endpoints.
/// </summary>
internal sealed class HttpEndpointActivity : IActivityBehavior
{
    public const string Type = "Elsa.HttpEndpoint";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "HTTP", "HTTP-eindpunt", "Start de workflow bij een HTTP-verzoek op dit pad.", ActivityKind.Trigger)
    {
        Inputs =
        [
            new("Path", "String", "Pad", "Het pad onder /api/workflows, bijvoorbeeld 'aanvraag'."),
            new("SupportedMethods", "String[]", "Methoden", "De HTTP-methoden (GET, POST, PUT, PATCH, DELETE), standaard GET.", "multitext"),
        ],
        Outputs = [new("Result", "Object", "Verzoek", "Het binnengekomen verzoek.")],
    };

    // Reached only when it did not start the workflow (a run from Studio): there is no request to wait for here.
    public ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Fault("Een HTTP-eindpunt start een workflow bij een verzoek; midden in een workflow wachten op een verzoek kan hier niet.");
}
