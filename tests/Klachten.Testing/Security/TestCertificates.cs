using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Klachten.Testing.Security;

/// <summary>
/// Self-signed certificates for the server's <c>Klachten:DataProtection</c> settings, made when a test run needs them
/// and written to the temp folder: no private key is ever committed.
/// </summary>
public static class TestCertificates
{
    public const string Password = "test-certificate-password";

    private static readonly Lazy<string> Shared = new(() => Create("klachten-test-dataprotection"));

    /// <summary>One password-protected <c>.pfx</c> for the whole test run: every server started by a test shares it.</summary>
    public static string SharedPfxPath => Shared.Value;

    /// <summary>The settings that point a server at <see cref="SharedPfxPath"/>.</summary>
    public static Dictionary<string, string?> DataProtectionSettings() => new()
    {
        ["Klachten:DataProtection:CertificatePath"] = SharedPfxPath,
        ["Klachten:DataProtection:CertificatePassword"] = Password,
    };

    /// <summary>A new RSA certificate with its private key as a <c>.pfx</c> protected with <see cref="Password"/>; returns its path.</summary>
    public static string Create(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        var path = Path.Combine(Directory.CreateTempSubdirectory("klachten-cert-").FullName, $"{name}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}
