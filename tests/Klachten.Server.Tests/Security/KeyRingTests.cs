using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Security;

/// <summary>
/// Issue 14 item 2: the Data Protection keys (sign-in cookies, anti-forgery, Studio tokens) live in the server's
/// database, encrypted with the configured certificate, so a server reads what another server on the same database
/// issued and nothing from one on another database. The two-process version on PostgreSQL, with a separate home and
/// data folder per replica, is <see cref="Faults.ReplicaKeyRingTests"/>.
/// </summary>
public sealed class KeyRingTests
{
    private const string ListUrl = "/elsa/api/workflow-definitions";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task StudioToken_IssuedByAnotherServerOnTheSameDatabase_IsAccepted(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, "keyring_shared");
        await using var issuer = new KlachtenFactory(database.Settings());
        var token = await TokenAsync(issuer);
        await using var other = new KlachtenFactory(database.Settings());

        using var response = await WithBearer(other, token).GetAsync(ListUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task StudioToken_IssuedByAServerOnAnotherDatabase_IsRefused()
    {
        // Both servers in this one process share its home folder: only the database tells their keys apart.
        await using var first = await TestDatabase.CreateAsync(Provider.Sqlite, "keyring_first");
        await using var second = await TestDatabase.CreateAsync(Provider.Sqlite, "keyring_second");
        await using var issuer = new KlachtenFactory(first.Settings());
        var token = await TokenAsync(issuer);
        await using var other = new KlachtenFactory(second.Settings());

        using var response = await WithBearer(other, token).GetAsync(ListUrl);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task Keys_WithCertificate_AreStoredEncryptedInTheDatabase(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, "keyring_encrypted");
        await using var factory = new KlachtenFactory(database.Settings());
        await TokenAsync(factory);

        await using var scope = factory.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<KlachtenDbContext>().DataProtectionKeys.AsNoTracking().ToListAsync();

        var xml = Assert.Single(keys).Xml!;
        Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
        Assert.Contains("EncryptedXmlDecryptor", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_Production_MakesTheFirstKeySoReplicasStartingTogetherShareIt()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite, "keyring_migrate");

        var migrated = await ServerProcess.RunAsync(["--migrate"], database.Settings(), environment: "Production");
        var again = await ServerProcess.RunAsync(["--migrate"], database.Settings(), environment: "Production");

        Assert.True(migrated.ExitCode == 0 && again.ExitCode == 0, migrated.Output + again.Output);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT xml FROM data_protection_keys";
        var xml = (string?)await command.ExecuteScalarAsync();
        Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
        command.CommandText = "SELECT count(*) FROM data_protection_keys";
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }

    private static async Task<string> TokenAsync(KlachtenFactory factory) =>
        (await factory.As("procesbeheerder").GetFromJsonAsync<JsonObject>("/studio/token"))!["token"]!.GetValue<string>();

    private static HttpClient WithBearer(KlachtenFactory factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        return client;
    }
}
