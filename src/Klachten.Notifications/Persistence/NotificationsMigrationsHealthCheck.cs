using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Klachten.Notifications.Persistence;

/// <summary>Not ready while the notification tables lack migrations: outside Development, <c>--migrate</c> applies them.</summary>
internal sealed class NotificationsMigrationsHealthCheck(NotificationsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        return pending == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"{pending} notification migrations pending; run with --migrate.");
    }
}
