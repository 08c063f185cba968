using System.Net;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Administration;

/// <summary>
/// The administration commands as an operator runs them on production: an account and a key made from the command
/// line work against a running server, the list never shows a key, a revoked key is refused at once, and every change
/// is in the audit trail as done by the command line. Running a command seeds nothing and starts no server.
/// </summary>
public sealed class CommandLifecycleTests
{
    private const string Production = "Production";
    private const string BootstrapKey = "bootstrap-key-0123456789";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task CreatedKey_WorksAgainstTheServer_IsListedWithoutSecret_AndStopsWorkingWhenRevoked(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, "cmd_keys");
        var settings = database.Settings();
        settings["Klachten:Auth:BootstrapApiKey"] = BootstrapKey;

        // A fresh database: the command migrates it first.
        await SucceedsAsync(settings, "--create-user", "bea", "beheerder", "Bea Baas", "--email", "bea@example.nl");
        await SucceedsAsync(settings, "--create-user", "koppeling", "medewerker", "Koppeling CRM");
        var created = await SucceedsAsync(settings, "--create-api-key", "koppeling", "crm");
        var key = Assert.Single(created.StdoutLines);
        Assert.StartsWith("kw_", key, StringComparison.Ordinal);
        Assert.DoesNotContain(key, created.Stderr, StringComparison.Ordinal);
        var adminKey = Assert.Single((await SucceedsAsync(settings, "--create-api-key", "bea", "beheer")).StdoutLines);

        // Only the two accounts: neither the bootstrap account nor any Development account was seeded by a command.
        var users = await SucceedsAsync(settings, "--list-users");
        Assert.Equal(3, users.StdoutLines.Count);
        Assert.StartsWith("bea\tBea Baas\tbea@example.nl\tbeheerder\tactief\t", users.StdoutLines[1], StringComparison.Ordinal);
        Assert.StartsWith("koppeling\tKoppeling CRM\t-\tmedewerker\tactief\t", users.StdoutLines[2], StringComparison.Ordinal);

        await using var server = new KlachtenFactory(settings, Production);
        using var client = server.CreateClient(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tasks")).StatusCode);

        var listed = await SucceedsAsync(settings, "--list-api-keys", "koppeling");
        Assert.DoesNotContain(key, listed.Stdout, StringComparison.Ordinal);
        var row = Assert.Single(listed.StdoutLines.Skip(1)).Split('\t');
        Assert.Equal(["koppeling", "crm"], row[..2]);
        Assert.Equal(6, row.Length);
        Assert.NotEqual("-", row[4]); // last used: just now
        Assert.Equal("-", row[5]); // not revoked

        await SucceedsAsync(settings, "--revoke-api-key", "koppeling", "crm");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tasks")).StatusCode);
        var afterRevoke = await SucceedsAsync(settings, "--list-api-keys");
        Assert.NotEqual("-", afterRevoke.StdoutLines.Single(l => l.StartsWith("koppeling\tcrm\t", StringComparison.Ordinal)).Split('\t')[5]);
        Assert.DoesNotContain(afterRevoke.StdoutLines, l => l.Contains(key, StringComparison.Ordinal) || l.Contains(adminKey, StringComparison.Ordinal));

        using var admin = server.CreateClient(adminKey);
        var audit = await (await admin.GetAsync("/api/admin/audit?userName=koppeling")).Content.ReadAsStringAsync();
        foreach (var action in new[] { "UserCreated", "ApiKeyCreated", "ApiKeyRevoked" })
        {
            Assert.Contains($"\"actor\":\"commandoregel\",\"action\":\"{action}\"", audit, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task DisabledAccount_KeyStopsWorking_AndWorksAgainWhenEnabled(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, "cmd_disable");
        var settings = database.Settings();
        await SucceedsAsync(settings, "--create-user", "bea", "beheerder");
        await SucceedsAsync(settings, "--create-user", "lars", "medewerker");
        var key = Assert.Single((await SucceedsAsync(settings, "--create-api-key", "lars", "laptop")).StdoutLines);
        await using var server = new KlachtenFactory(settings, Production);
        using var client = server.CreateClient(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tasks")).StatusCode);

        await SucceedsAsync(settings, "--disable-user", "lars");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tasks")).StatusCode);
        Assert.Contains("lars\tlars\t-\tmedewerker\tuitgeschakeld\t", (await SucceedsAsync(settings, "--list-users")).Stdout, StringComparison.Ordinal);

        await SucceedsAsync(settings, "--enable-user", "lars");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tasks")).StatusCode);

        // Roles given in any order are stored in the regulation's order.
        await SucceedsAsync(settings, "--set-roles", "lars", "directeur, medewerker");
        Assert.Contains("lars\tlars\t-\tmedewerker,directeur\tactief\t", (await SucceedsAsync(settings, "--list-users")).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_CommandSeedsNothing()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite, "cmd_dev");
        var settings = database.Settings();
        settings["Klachten:Auth:BootstrapApiKey"] = BootstrapKey;

        var users = await CommandProcess.RunAsync(settings, "Development", "--list-users");
        Assert.True(users.ExitCode == 0, users.ToString());

        // The header only: seeding (Development accounts, bootstrap key) belongs to the started server.
        Assert.Equal("gebruiker\tnaam\te-mailadres\trollen\tstatus\taangemaakt\tlaatst aangemeld", Assert.Single(users.StdoutLines));
    }

    private static async Task<CommandProcess.Result> SucceedsAsync(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var result = await CommandProcess.RunAsync(settings, Production, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
