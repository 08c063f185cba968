using Klachten.Server.Features.Auth;
using Klachten.Server.Features.Definitions;
using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

using Klachten.Server.Common;

namespace Klachten.Server.Hosting;

/// <summary>
/// Runs before the server accepts requests: migrations (Development only; elsewhere <c>--migrate</c>), users and
/// keys, shipped definitions. With pending migrations outside Development it does nothing and readiness stays red.
/// </summary>
internal sealed class StartupTasks(IServiceScopeFactory scopes, IHostEnvironment environment, ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (environment.IsDevelopment())
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        }
        else if ((await services.GetRequiredService<KlachtenDbContext>().Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            logger.LogError("The database has pending migrations; run the server once with --migrate. Not ready until then");
            return;
        }

        await services.GetRequiredService<UserSeeder>().SeedAsync(cancellationToken);
        await services.GetRequiredService<DefinitionImporter>().ImportAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
