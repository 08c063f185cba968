using Klachten.Server.Tests.Support;
using Klachten.Testing.Security;

namespace Klachten.Server.Tests.Hosting;

/// <summary>
/// Outside Development the key ring needs its certificate: unset, missing or not openable, the start stops with one
/// line naming the key, before anything is served.
/// </summary>
public sealed class KeyRingOptionsTests
{
    public static TheoryData<string?, string?, string> Certificates => new()
    {
        { null, null, "Klachten:DataProtection:CertificatePath: is required outside Development" },
        { "/nonexistent/klachten.pfx", TestCertificates.Password, "Klachten:DataProtection:CertificatePath: '/nonexistent/klachten.pfx' cannot be read" },
        { TestCertificates.SharedPfxPath, "wrong-password", "Klachten:DataProtection:CertificatePassword:" },
    };

    [Theory]
    [MemberData(nameof(Certificates))]
    public async Task Start_ProductionWithoutAUsableCertificate_ExitsWithOneLineNamingTheKey(string? path, string? password, string expected)
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite, "keyring_options");
        var settings = database.Settings();
        settings.Remove("Klachten:DataProtection:CertificatePath");
        settings.Remove("Klachten:DataProtection:CertificatePassword");
        if (path is not null)
        {
            settings["Klachten:DataProtection:CertificatePath"] = path;
            settings["Klachten:DataProtection:CertificatePassword"] = password;
        }

        var result = await ServerProcess.RunAsync([], settings, environment: "Production");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"KlachtenWorkflow cannot start: Invalid configuration {expected}", line, StringComparison.Ordinal);
    }
}
