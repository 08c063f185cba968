using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Support;

/// <summary>The real server in-process, on the given database, in the given environment (optionally with test services, e.g. an in-memory trace exporter).</summary>
public sealed class KlachtenFactory(IReadOnlyDictionary<string, string?> settings, string environment = "Development", Action<IServiceCollection>? testServices = null)
    : WebApplicationFactory<Program>
{
    public HttpClient CreateClient(string? apiKey)
    {
        var client = CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"ApiKey {apiKey}");
        }

        return client;
    }

    /// <summary>A client acting as one of the seeded Development users.</summary>
    public HttpClient As(string userName) => CreateClient($"dev-{userName}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (testServices is not null)
        {
            builder.ConfigureTestServices(testServices);
        }
    }
}
