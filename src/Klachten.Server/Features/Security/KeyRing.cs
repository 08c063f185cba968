using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Klachten.Server.Hosting;
using Klachten.Server.Persistence;
using Microsoft.AspNetCore.DataProtection;

namespace Klachten.Server.Features.Security;

/// <summary>
/// The Data Protection key ring that protects sign-in cookies, anti-forgery tokens and Studio tokens: kept in the
/// server's database, so that every replica reads what any other replica wrote (no shared folder, no cookie
/// affinity), and encrypted there with the certificate of <see cref="KeyRingOptions"/>.
/// </summary>
internal static class KeyRing
{
    /// <summary>
    /// One name for every replica. Without it the name is the content root path, which differs between installs and
    /// would give each its own keys.
    /// </summary>
    public const string ApplicationName = "KlachtenWorkflow";

    /// <param name="builder">The server's builder.</param>
    /// <param name="migrateOnly"><c>--migrate</c> uses no keys, so it needs no certificate (the migration Job has none).</param>
    public static IHostApplicationBuilder AddKeyRing(this IHostApplicationBuilder builder, bool migrateOnly)
    {
        var options = builder.AddValidatedOptions<KeyRingOptions>(KeyRingOptions.SectionName);
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<KlachtenDbContext>();
        if (migrateOnly)
        {
            return builder;
        }

        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            if (!builder.Environment.IsDevelopment())
            {
                throw Invalid(nameof(KeyRingOptions.CertificatePath),
                    "is required outside Development (a .pfx certificate that encrypts the sign-in keys in the database; see deploy/OPERATIONS.md).");
            }

            return builder;
        }

        dataProtection.ProtectKeysWithCertificate(Load(options));
        return builder;
    }

    private static X509Certificate2 Load(KeyRingOptions options)
    {
        var path = options.CertificatePath!;
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, string.IsNullOrEmpty(options.CertificatePassword) ? null : options.CertificatePassword,
                X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Invalid(nameof(KeyRingOptions.CertificatePath), $"'{path}' cannot be read ({ex.GetType().Name}).");
        }
        catch (CryptographicException)
        {
            throw Invalid(nameof(KeyRingOptions.CertificatePassword), $"'{path}' cannot be opened: not a PKCS#12 (.pfx) file, or the password is wrong.");
        }

        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
        {
            certificate.Dispose();
            throw Invalid(nameof(KeyRingOptions.CertificatePath), $"'{path}' holds no RSA private key; the keys are encrypted with RSA.");
        }

        return certificate;
    }

    private static StartupException Invalid(string property, string message) =>
        new($"Invalid configuration {KeyRingOptions.SectionName}:{property}: {message}");
}
