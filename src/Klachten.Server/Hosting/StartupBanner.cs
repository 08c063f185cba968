using Klachten.Server.Features.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Klachten.Server.Hosting;

/// <summary>Tells a newcomer where to go and, in Development, which accounts to use.</summary>
internal sealed class StartupBanner(IHostApplicationLifetime lifetime, IServer server, IHostEnvironment environment) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            Console.WriteLine($"KlachtenWorkflow: {address}  (API {address}/elsa/api, health {address}/health/ready)");
        }

        if (environment.IsDevelopment())
        {
            Console.WriteLine("Development accounts (user / password / API key):");
            foreach (var (userName, _, role) in UserSeeder.DevelopmentUsers)
            {
                Console.WriteLine($"  {userName,-16} {userName,-16} dev-{userName,-16} ({role})");
            }
        }
    }
}
