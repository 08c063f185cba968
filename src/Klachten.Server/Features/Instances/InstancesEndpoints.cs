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

    /// <summary>The instance list and viewer under <c>/elsa/api</c> (any staff member), plus cancel, retry and delete.</summary>
    public static RouteGroupBuilder MapWorkflowInstances(this RouteGroupBuilder elsa)
    {
        elsa.MapPost("/workflow-instances", ListInstances.HandleAsync);
        var read = elsa.MapGroup("").AddEndpointFilter(InstanceAccess.FilterAsync);
        read.MapGet("/workflow-instances/{id}", GetInstance.HandleAsync);
        read.MapGet("/workflow-instances/{id}/execution-state", GetInstance.ExecutionStateAsync);
        read.MapGet("/workflow-instances/{id}/variables", GetInstance.VariablesAsync);
        read.MapPost("/workflow-instances/{id}/journal", InstanceJournal.PostAsync);
        read.MapGet("/workflow-instances/{id}/journal", InstanceJournal.GetAsync);
        read.MapPost("/activity-executions/report", ActivityExecutions.ReportAsync);
        read.MapGet("/activity-execution-summaries/list", ActivityExecutions.ListSummariesAsync);
        read.MapGet("/activity-executions/list", ActivityExecutions.ListRecordsAsync);
        read.MapGet("/activity-executions/by-id", ActivityExecutions.ByIdAsync);

        var control = elsa.MapGroup("").RequireAuthorization(Policies.DefinitionsWrite).AddEndpointFilter(InstanceAccess.FilterAsync);
        control.MapPost("/workflow-instances/{id}/cancel", ControlInstance.CancelAsync);
        control.MapPost("/cancel/workflow-instances/{id}", ControlInstance.CancelAsync);
        control.MapPost("/workflow-instances/{id}/retry", ControlInstance.RetryAsync);
        control.MapDelete("/workflow-instances/{id}", ControlInstance.DeleteAsync);
        return elsa;
    }

    /// <summary>
    /// The manual clock under <c>/api/dev</c>; mapped only when the clock is manual (Development only), and only for
    /// the beheerder: moving time fires every due timer of every case.
    /// </summary>
    public static RouteGroupBuilder MapDevClock(this RouteGroupBuilder api, IServiceProvider services)
    {
        if (services.GetService<ManualClock>() is null)
        {
            return api;
        }

        api.MapGet("/dev/clock", DevClock.Get).RequireAuthorization(Policies.Administration);
        api.MapPost("/dev/clock", DevClock.SetAsync).RequireAuthorization(Policies.Administration);
        return api;
    }
}
