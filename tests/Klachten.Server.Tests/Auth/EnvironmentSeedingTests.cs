using System.Net;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Auth;

/// <summary>Development accounts exist only in Development; the bootstrap key works everywhere and can be rotated.</summary>
public sealed class EnvironmentSeedingTests
{
    private const string ListUrl = "/elsa/api/workflow-definitions";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task Production_DevelopmentKeys_AreNotSeeded(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, "prod_seed");
        await MigrateAsync(database);
        var settings = database.Settings();
        settings["Klachten:Auth:BootstrapApiKey"] = "bootstrap-key-0123456789";
        await using var factory = new KlachtenFactory(settings, environment: "Production");

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.As("beheerder").GetAsync(ListUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient("bootstrap-key-0123456789").GetAsync(ListUrl)).StatusCode);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task Restart_WithNewBootstrapKey_ReplacesTheOldKey(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, "bootstrap");
        var settings = database.Settings();
        settings["Klachten:Auth:BootstrapApiKey"] = "first-key-0123456789abc";
        await using (var first = new KlachtenFactory(settings))
        {
            Assert.Equal(HttpStatusCode.OK, (await first.CreateClient("first-key-0123456789abc").GetAsync(ListUrl)).StatusCode);
        }

        settings["Klachten:Auth:BootstrapApiKey"] = "second-key-0123456789abc";
        await using var second = new KlachtenFactory(settings);

        Assert.Equal(HttpStatusCode.Unauthorized, (await second.CreateClient("first-key-0123456789abc").GetAsync(ListUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient("second-key-0123456789abc").GetAsync(ListUrl)).StatusCode);
    }

    private static async Task MigrateAsync(TestDatabase database)
    {
        // Outside Development migrations are an explicit step; run it the way an operator would.
        var result = await ServerProcess.RunAsync(["--migrate"], database.Settings(), environment: "Production");
        Assert.True(result.ExitCode == 0, result.Output);
    }
}
