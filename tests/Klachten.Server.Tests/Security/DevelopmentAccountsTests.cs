using System.Net;
using Klachten.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Klachten.Server.Tests.Security;

/// <summary>
/// Issue 13 item 3: one database used first in Development and then in Production. The Development accounts and
/// their <c>dev-*</c> keys must stop working at the Production start, which says in one log line how many it disabled.
/// </summary>
public sealed class DevelopmentAccountsTests
{
    private const string ComplaintsUrl = "/api/complaints";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task ProductionStart_AfterDevelopment_DisablesEveryDevelopmentAccountAndSaysHowMany(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, "dev_accounts");
        var settings = database.Settings();
        settings["Klachten:Auth:BootstrapApiKey"] = "bootstrap-key-0123456789";
        await using (var development = new KlachtenFactory(settings))
        {
            Assert.Equal(HttpStatusCode.OK, (await development.As("beheerder").GetAsync(ComplaintsUrl)).StatusCode);
        }

        var log = new LogCollector();
        await using (var production = new KlachtenFactory(settings, environment: "Production", testServices: s => s.AddSingleton<ILoggerProvider>(log)))
        {
            foreach (var user in new[] { "medewerker", "leidinggevende", "directeur", "commissie", "procesbeheerder", "beheerder" })
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await production.As(user).GetAsync(ComplaintsUrl)).StatusCode);
            }

            // The operator's own key is not a Development account.
            Assert.Equal(HttpStatusCode.OK, (await production.CreateClient("bootstrap-key-0123456789").GetAsync(ComplaintsUrl)).StatusCode);
            Assert.Single(log.Lines, l => l.Contains("Environment Production: 6 Development accounts disabled", StringComparison.Ordinal));
        }

        // A second Production start finds nothing left to disable, and says so.
        var again = new LogCollector();
        await using (var production = new KlachtenFactory(settings, environment: "Production", testServices: s => s.AddSingleton<ILoggerProvider>(again)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await production.As("beheerder").GetAsync(ComplaintsUrl)).StatusCode);
            Assert.Single(again.Lines, l => l.Contains("Environment Production: 0 Development accounts disabled", StringComparison.Ordinal));
        }

        // Back in Development the accounts work again, with their roles.
        await using var developmentAgain = new KlachtenFactory(settings);
        Assert.Equal(HttpStatusCode.OK, (await developmentAgain.As("beheerder").GetAsync(ComplaintsUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await developmentAgain.As("commissie").PostAsync(ComplaintsUrl, ElsaJson.Body(new System.Text.Json.Nodes.JsonObject()))).StatusCode);
    }
}
