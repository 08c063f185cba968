using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

using Klachten.Server.Common;

namespace Klachten.Server.Persistence;

/// <summary>Not ready while migrations are pending: outside Development they are applied by <c>--migrate</c> first.</summary>
internal sealed class MigrationsHealthCheck(KlachtenDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        return pending == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"{pending} migrations pending; run the server with --migrate.");
    }
}
