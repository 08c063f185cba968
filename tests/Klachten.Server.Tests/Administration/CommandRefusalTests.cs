using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Administration;

/// <summary>
/// What the administration commands refuse: wrong usage exits 2 with the usage text (before any database is
/// touched), a refused change exits 1 with one clear line on stderr and changes nothing.
/// </summary>
public sealed class CommandRefusalTests
{
    private const string Production = "Production";

    [Theory]
    [InlineData("--create-user")]
    [InlineData("--create-user", "jan")]
    [InlineData("--create-user", "jan", "medewerker", "Jan", "Jansen")]
    [InlineData("--set-roles", "jan", "medewerker", "--email", "jan@example.nl")]
    [InlineData("--disable-user")]
    [InlineData("--create-api-key", "jan")]
    [InlineData("--list-users", "extra")]
    [InlineData("--list-api-keys", "jan", "extra")]
    [InlineData("--create-user", "jan", "medewerker", "--email")]
    [InlineData("--create-user", "jan", "medewerker", "--rol", "x")]
    [InlineData("--urls", "http://127.0.0.1:0", "--list-users")]
    [InlineData("--list-users", "--create-user")]
    public async Task WrongUsage_ExitsTwoWithUsage_WithoutDatabaseOrSettings(params string[] args)
    {
        // No settings at all: outside Development a real command would need the certificate and the database.
        var result = await CommandProcess.RunAsync(new Dictionary<string, string?>(), Production, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Empty(result.Stdout);
        Assert.Contains("--create-api-key <gebruiker> <sleutelnaam>", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_PrintsUsageOnStdout()
    {
        var result = await CommandProcess.RunAsync(new Dictionary<string, string?>(), Production, "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("--list-api-keys [<gebruiker>]", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task RefusedChanges_ExitOneWithOneLine_AndChangeNothing(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, "cmd_refusals");
        var settings = database.Settings();
        Assert.Equal(0, (await CommandProcess.RunAsync(settings, Production, "--create-user", "bea", "beheerder")).ExitCode);
        Assert.Equal(0, (await CommandProcess.RunAsync(settings, Production, "--create-user", "jan", "medewerker")).ExitCode);
        Assert.Equal(0, (await CommandProcess.RunAsync(settings, Production, "--create-api-key", "jan", "ci")).ExitCode);
        var before = (await CommandProcess.RunAsync(settings, Production, "--list-users")).Stdout;
        var keysBefore = (await CommandProcess.RunAsync(settings, Production, "--list-api-keys")).Stdout;

        await RefusedAsync(settings, "Onbekende rol: baas", "--create-user", "piet", "medewerker,baas");
        await RefusedAsync(settings, "Onbekende rol: baas", "--set-roles", "jan", "baas");
        await RefusedAsync(settings, "Kies minstens één rol", "--create-user", "piet", "");
        await RefusedAsync(settings, "Gebruiker 'jan' bestaat al", "--create-user", "jan", "directeur");
        await RefusedAsync(settings, "Gebruiker 'piet' bestaat niet", "--set-roles", "piet", "medewerker");
        await RefusedAsync(settings, "Gebruiker 'piet' bestaat niet", "--create-api-key", "piet", "ci");
        await RefusedAsync(settings, "Gebruiker 'piet' bestaat niet", "--list-api-keys", "piet");
        await RefusedAsync(settings, "al een actieve sleutel 'ci'", "--create-api-key", "jan", "ci");
        await RefusedAsync(settings, "geen actieve sleutel 'laptop'", "--revoke-api-key", "jan", "laptop");
        await RefusedAsync(settings, "e-mailadres", "--create-user", "piet", "medewerker", "--email", "geen adres");
        // The last active beheerder can neither lose the role nor be disabled.
        await RefusedAsync(settings, "minstens één actieve beheerder", "--set-roles", "bea", "medewerker");
        await RefusedAsync(settings, "minstens één actieve beheerder", "--disable-user", "bea");

        Assert.Equal(before, (await CommandProcess.RunAsync(settings, Production, "--list-users")).Stdout);
        Assert.Equal(keysBefore, (await CommandProcess.RunAsync(settings, Production, "--list-api-keys")).Stdout);

        // With a second beheerder the first may step down.
        Assert.Equal(0, (await CommandProcess.RunAsync(settings, Production, "--set-roles", "jan", "medewerker,beheerder")).ExitCode);
        Assert.Equal(0, (await CommandProcess.RunAsync(settings, Production, "--set-roles", "bea", "medewerker")).ExitCode);
    }

    private static async Task RefusedAsync(IReadOnlyDictionary<string, string?> settings, string message, params string[] args)
    {
        var result = await CommandProcess.RunAsync(settings, Production, args);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Empty(result.Stdout);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains(message, line, StringComparison.Ordinal);
    }
}
