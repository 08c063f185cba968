using Klachten.ServiceDefaults.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Klachten.Archive.Persistence;

/// <summary>
/// Migrates the archive before the bus starts consuming (it is registered first) in Development; elsewhere pending
/// migrations are left to <c>--migrate</c> and readiness stays red until then.
/// </summary>
internal sealed class ArchiveStartup(IServiceScopeFactory scopes, IHostEnvironment environment) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator<ArchiveDbContext>>().PrepareAtStartAsync(environment.IsDevelopment(), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
