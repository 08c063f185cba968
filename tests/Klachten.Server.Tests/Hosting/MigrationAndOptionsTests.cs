using System.Net;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Hosting;

/// <summary>The server as an operator runs it: <c>--migrate</c> as a step, readiness, and one clear line for bad settings.</summary>
public sealed class MigrationAndOptionsTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task Migrate_FreshDatabase_ExitsZeroAndServerBecomesReady(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, "migrate");
        await using (var before = new KlachtenFactory(database.Settings(), environment: "Production"))
        {
            var notReady = await before.CreateClient().GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Equal("Unhealthy", (string?)(await notReady.ReadObjectAsync())["checks"]!["migrations"]);
            Assert.Equal(HttpStatusCode.OK, (await before.CreateClient().GetAsync("/health/live")).StatusCode);
        }

        var first = await ServerProcess.RunAsync(["--migrate"], database.Settings(), environment: "Production");
        var second = await ServerProcess.RunAsync(["--migrate"], database.Settings(), environment: "Production");

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        await using var after = new KlachtenFactory(database.Settings(), environment: "Production");
        var ready = await after.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Theory]
    [InlineData("Klachten__Database__Provider", "Oracle", "Klachten:Database:Provider")]
    [InlineData("Klachten__Auth__BootstrapApiKey", "kort", "Klachten:Auth:BootstrapApiKey")]
    public async Task Start_InvalidSetting_ExitsWithOneLineNamingTheKey(string variable, string value, string key)
    {
        var settings = new Dictionary<string, string?> { [variable.Replace("__", ":", StringComparison.Ordinal)] = value };

        var result = await ServerProcess.RunAsync([], settings, environment: "Production");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(key, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PostgreSqlWithoutConnectionString_ExitsNamingTheKey()
    {
        var settings = new Dictionary<string, string?> { ["Klachten:Database:Provider"] = "PostgreSql" };

        var result = await ServerProcess.RunAsync([], settings, environment: "Production");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ConnectionStrings:Klachten", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_Ready_ReportsDatabaseAndMigrations()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite, "health");
        await using var factory = new KlachtenFactory(database.Settings());

        var response = await factory.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = (await response.ReadObjectAsync())["checks"]!.AsObject();
        Assert.Contains("database", checks.Select(c => c.Key));
        Assert.Contains("migrations", checks.Select(c => c.Key));
        Assert.Contains(checks, c => c.Key.Contains("masstransit", StringComparison.OrdinalIgnoreCase));
        Assert.All(checks, c => Assert.Equal("Healthy", (string?)c.Value));
    }
}
