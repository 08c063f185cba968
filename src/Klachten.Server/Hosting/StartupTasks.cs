using Klachten.Server.Features.Auth;
using Klachten.Server.Features.Definitions;
using Klachten.Server.Persistence;
using Klachten.ServiceDefaults.Persistence;

namespace Klachten.Server.Hosting;

/// <summary>
/// Runs before the server accepts requests: migrations (Development only; elsewhere <c>--migrate</c>), users and
/// keys, shipped definitions. With pending migrations outside Development it does nothing and readiness stays red.
/// </summary>
internal sealed class StartupTasks(IServiceScopeFactory scopes, IHostEnvironment environment) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (!await services.GetRequiredService<DatabaseMigrator<KlachtenDbContext>>().PrepareAtStartAsync(environment.IsDevelopment(), cancellationToken))
        {
            return;
        }

        await services.GetRequiredService<UserSeeder>().SeedAsync(cancellationToken);
        await services.GetRequiredService<DefinitionImporter>().ImportAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
