namespace Klachten.Server.Features.Security;

/// <summary>
/// <c>Klachten:DataProtection</c>: the certificate that encrypts the Data Protection keys (sign-in cookies,
/// anti-forgery tokens, Studio tokens) where they are kept, the server's database. Required outside Development:
/// whoever reads the table could otherwise forge a session for any user.
/// </summary>
internal sealed class KeyRingOptions
{
    public const string SectionName = "Klachten:DataProtection";

    /// <summary>A PKCS#12 file (<c>.pfx</c>) holding an RSA certificate with its private key; the same on every replica.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>; empty for a file without one.</summary>
    public string? CertificatePassword { get; set; }
}
