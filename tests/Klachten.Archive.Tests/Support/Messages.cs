using System.Security.Cryptography;
using System.Text;
using Klachten.Contracts;

namespace Klachten.Archive.Tests.Support;

/// <summary>Messages as the server and the notification service send them, each with fresh ids.</summary>
public static class Messages
{
    private static int _reference;

    public static string NewReference() => $"K-2026-{Interlocked.Increment(ref _reference):0000}";

    public static byte[] Pdf(string text) =>
        [.. Encoding.ASCII.GetBytes("%PDF-1.7\n"), .. Encoding.UTF8.GetBytes(text), .. RandomNumberGenerator.GetBytes(64), .. Encoding.ASCII.GetBytes("\n%%EOF\n")];

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static ArchiveDocument ArchiveDocument(Guid complaintId, string reference, string kind = "Advies", string author = "commissie") =>
        new(
            "archive-" + Guid.NewGuid().ToString("N"),
            complaintId,
            reference,
            kind,
            "text/markdown",
            author,
            Encoding.UTF8.GetBytes($"# {kind}\nDe commissie adviseert de klacht gegrond te verklaren.\n"),
            ArchiveHost.Start.AddDays(-1));

    public static LetterSent LetterSent(Guid complaintId, string reference, string letterKind = "Ontvangstbevestiging", byte[]? pdf = null, string? sha256 = null)
    {
        var content = pdf ?? Pdf(letterKind);
        return new(
            "letter-sent-" + Guid.NewGuid().ToString("N"),
            "send-letter-" + Guid.NewGuid().ToString("N"),
            complaintId,
            reference,
            letterKind,
            sha256 ?? Sha256(content),
            ArchiveHost.Start.AddHours(-2),
            ["<smtp-1@klachten.local>"],
            [],
            content);
    }

    public static CaseClosed CaseClosed(Guid complaintId, string reference, DateTimeOffset closedAt, string status = "Afgehandeld") =>
        new("case-closed-" + Guid.NewGuid().ToString("N"), complaintId, reference, status, closedAt);
}
