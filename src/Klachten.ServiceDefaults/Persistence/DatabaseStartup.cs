using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Klachten.ServiceDefaults.Persistence;

/// <summary>
/// Runs <see cref="DatabaseMigrator{TContext}.PrepareAtStartAsync"/> before the bus consumes (register it first):
/// migrates in Development; elsewhere leaves pending migrations to <c>--migrate</c>, readiness red until then.
/// </summary>
public sealed class DatabaseStartup<TContext>(IServiceScopeFactory scopes, IHostEnvironment environment) : IHostedService
    where TContext : DbContext
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator<TContext>>().PrepareAtStartAsync(environment.IsDevelopment(), cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
