using System.Security.Claims;
using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Instances;

/// <summary>
/// The regulation's impartiality for instance data: the concerned employee and the concerned manager of a complaint
/// see nothing of its workflow instance (as <c>GetComplaint.IsExcluded</c> hides the complaint). To them the instance
/// does not exist: it is left out of lists and answers 404.
/// </summary>
internal static class InstanceAccess
{
    public static IQueryable<WorkflowInstanceEntity> VisibleTo(this IQueryable<WorkflowInstanceEntity> query, KlachtenDbContext db, ClaimsPrincipal user)
    {
        var name = user.Identity?.Name;
        return name is null
            ? query
            : query.Where(i => !db.Complaints.Any(c => c.WorkflowInstanceId == i.Id && (c.ConcernedEmployee == name || c.Manager == name)));
    }

    public static Task<bool> IsExcludedAsync(KlachtenDbContext db, ClaimsPrincipal user, string? instanceId, CancellationToken cancellationToken)
    {
        var name = user.Identity?.Name;
        return name is null || string.IsNullOrEmpty(instanceId)
            ? Task.FromResult(false)
            : db.Complaints.AsNoTracking().AnyAsync(c => c.WorkflowInstanceId == instanceId && (c.ConcernedEmployee == name || c.Manager == name), cancellationToken);
    }

    /// <summary>Checks the instance named by the route's <c>{id}</c> or the <c>WorkflowInstanceId</c> query parameter.</summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var instanceId = http.GetRouteValue("id") as string ?? http.Request.Query["WorkflowInstanceId"].FirstOrDefault();
        if (instanceId is not null)
        {
            var db = http.RequestServices.GetRequiredService<KlachtenDbContext>();
            if (await IsExcludedAsync(db, http.User, instanceId, http.RequestAborted))
            {
                return InstanceRequests.NotFound(instanceId);
            }
        }

        return await next(context);
    }
}
