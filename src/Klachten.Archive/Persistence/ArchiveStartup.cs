using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Klachten.Archive.Persistence;

/// <summary>
/// Migrates the archive before the bus starts consuming (it is registered first) in Development; elsewhere pending
/// migrations are left to <c>--migrate</c> and readiness stays red until then.
/// </summary>
internal sealed class ArchiveStartup(IServiceScopeFactory scopes, IHostEnvironment environment, ILogger<ArchiveStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var migrator = scope.ServiceProvider.GetRequiredService<ArchiveMigrator>();
        if (environment.IsDevelopment())
        {
            await migrator.MigrateAsync(cancellationToken);
        }
        else if (await migrator.CountPendingAsync(cancellationToken) > 0)
        {
            logger.LogError("The archive database has pending migrations; run the host once with --migrate. Not ready until then");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
