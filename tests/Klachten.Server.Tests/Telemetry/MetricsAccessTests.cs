using System.Net;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Telemetry;

/// <summary>
/// Outside Development <c>/metrics</c> asks for a beheerder (here the bootstrap key), unless the operator configured
/// <c>Klachten:Telemetry:AnonymousMetrics</c> for a port only the monitoring network reaches.
/// </summary>
public sealed class MetricsAccessTests
{
    private const string BeheerderKey = "metrics-scrape-key-0123456789";

    [Fact]
    public async Task Metrics_ProductionWithoutKey_Returns401AndWithBeheerderKey200()
    {
        await using var database = await MigratedDatabaseAsync();
        await using var factory = new KlachtenFactory(Settings(database, anonymousMetrics: null), environment: "Production");
        using var anonymous = factory.CreateClient(apiKey: null);
        using var beheerder = factory.CreateClient(BeheerderKey);

        using var refused = await anonymous.GetAsync("/metrics");
        using var allowed = await beheerder.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("# TYPE ", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ProductionConfiguredAnonymous_Returns200WithoutKey()
    {
        await using var database = await MigratedDatabaseAsync();
        await using var factory = new KlachtenFactory(Settings(database, anonymousMetrics: "true"), environment: "Production");
        using var anonymous = factory.CreateClient(apiKey: null);

        using var response = await anonymous.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(TestDatabase database, string? anonymousMetrics)
    {
        var settings = database.Settings();
        settings["Klachten:Auth:BootstrapApiKey"] = BeheerderKey;
        settings["Klachten:Telemetry:AnonymousMetrics"] = anonymousMetrics;
        return settings;
    }

    private static async Task<TestDatabase> MigratedDatabaseAsync()
    {
        var database = await TestDatabase.CreateAsync(Provider.Sqlite, "metrics_access");
        var result = await ServerProcess.RunAsync(["--migrate"], database.Settings(), environment: "Production");
        Assert.True(result.ExitCode == 0, result.Output);
        return database;
    }
}
