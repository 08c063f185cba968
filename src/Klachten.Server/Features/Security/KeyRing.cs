using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Klachten.Server.Common;
using Klachten.Server.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

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

    /// <summary>Call after every other hosted service is registered (see the end of the method).</summary>
    public static IHostApplicationBuilder AddKeyRing(this IHostApplicationBuilder builder)
    {
        var options = builder.AddValidatedOptions<KeyRingOptions>(KeyRingOptions.SectionName);
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<KlachtenDbContext>();
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            dataProtection.ProtectKeysWithCertificate(Load(options));
        }
        else if (!builder.Environment.IsDevelopment())
        {
            throw Invalid(nameof(KeyRingOptions.CertificatePath),
                "is required outside Development (a .pfx certificate that encrypts the sign-in keys in the database; see deploy/OPERATIONS.md).");
        }

        // Data Protection reads the key ring in a hosted service registered with its first use (authentication). Moved
        // behind the hosted services registered so far, it reads after StartupTasks migrated a Development database
        // instead of logging a missing table on the first start.
        var warmUp = builder.Services.LastOrDefault(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService");
        if (warmUp is not null)
        {
            builder.Services.Remove(warmUp);
            builder.Services.Add(warmUp);
        }

        return builder;
    }

    /// <summary>
    /// Creates the first key when the database has none (<c>--migrate</c>, before any replica starts). Replicas that
    /// start together on an empty key table would each create one and, past Data Protection's two-minute refresh window
    /// after start, reject each other's cookies until their next refresh (up to a day). Later keys are created two days
    /// before they are used, so every replica has read them by then.
    /// </summary>
    public static void EnsureFirstKey(IServiceProvider services)
    {
        var keys = services.GetRequiredService<IKeyManager>();
        if (keys.GetAllKeys().Count == 0)
        {
            // Data Protection dates keys by the system clock, never by the app's (possibly manual) one.
            var now = TimeProvider.System.GetUtcNow();
            keys.CreateNewKey(now, now + services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.NewKeyLifetime);
        }
    }

    private static X509Certificate2 Load(KeyRingOptions options)
    {
        var path = options.CertificatePath!;
        byte[] pfx;
        try
        {
            pfx = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Invalid(nameof(KeyRingOptions.CertificatePath), $"'{path}' cannot be read ({ex.GetType().Name}).");
        }

        X509Certificate2 certificate;
        try
        {
            var password = string.IsNullOrEmpty(options.CertificatePassword) ? null : options.CertificatePassword;
            certificate = X509CertificateLoader.LoadPkcs12(pfx, password, X509KeyStorageFlags.EphemeralKeySet);
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
