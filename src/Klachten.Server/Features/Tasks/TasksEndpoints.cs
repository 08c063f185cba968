namespace Klachten.Server.Features.Tasks;

internal static class TasksEndpoints
{
    /// <summary>Human tasks under <c>/api</c>: list, claim, complete. The group already requires a staff user.</summary>
    public static RouteGroupBuilder MapTasks(this RouteGroupBuilder api)
    {
        api.MapGet("/tasks", ListTasks.HandleAsync);
        api.MapPost("/tasks/{id}/claim", ClaimTask.HandleAsync);
        api.MapPost("/tasks/{id}/complete", CompleteTask.HandleAsync);
        return api;
    }
}
