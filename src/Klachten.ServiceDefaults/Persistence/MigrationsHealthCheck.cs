using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Klachten.ServiceDefaults.Persistence;

/// <summary>Not ready while migrations are pending (outside Development <c>--migrate</c> applies them) or the database is stale.</summary>
public sealed class MigrationsHealthCheck<TContext>(TContext db, DatabaseProfile profile) : IHealthCheck
    where TContext : DbContext
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = await MigrationState.ReadAsync(db.Database, cancellationToken);
        if (state.IsStale)
        {
            return HealthCheckResult.Unhealthy(state.StaleMessage(profile.Name));
        }

        return state.Pending.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"{state.Pending.Count} {profile.Name} migrations pending; run with --migrate.");
    }
}
