using Klachten.Server.Features.Auth;
using Klachten.Server.Runtime;

namespace Klachten.Server.Features.Instances;

internal static class InstancesEndpoints
{
    /// <summary>Run endpoints under <c>/elsa/api</c>.</summary>
    public static RouteGroupBuilder MapWorkflowExecution(this RouteGroupBuilder elsa)
    {
        var run = elsa.MapGroup("").RequireAuthorization(Policies.DefinitionsWrite);
        run.MapPost("/workflow-definitions/{definitionId}/execute", ExecuteWorkflow.ExecuteAsync);
        run.MapPost("/workflow-definitions/{definitionId}/dispatch", ExecuteWorkflow.DispatchAsync);
        run.MapPost("/events/{eventName}/trigger", TriggerEvent.HandleAsync);
        return elsa;
    }

    /// <summary>The manual clock under <c>/api/dev</c>; mapped only when the clock is manual (Development only).</summary>
    public static RouteGroupBuilder MapDevClock(this RouteGroupBuilder api, IServiceProvider services)
    {
        if (services.GetService<ManualClock>() is null)
        {
            return api;
        }

        api.MapGet("/dev/clock", DevClock.Get);
        api.MapPost("/dev/clock", DevClock.SetAsync);
        return api;
    }
}
