using System.Security.Cryptography;
using System.Text;

namespace Klachten.Notifications.Mail;

/// <summary>Ids derived from the message id, so that every retry of the same work carries the same ids.</summary>
internal static class MessageIds
{
    /// <summary>The Message-ID header of recipient <paramref name="position"/>'s e-mail: a resent e-mail is recognisable
    /// as the same one (mail clients and servers that deduplicate on Message-ID show it once).</summary>
    public static string Email(string messageId, int position, string domain)
    {
        var readable = string.Concat(messageId.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(40));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..16];
        return $"{(readable.Length > 0 ? readable : "klacht")}.{hash}.{position}@{domain}";
    }

    /// <summary>Id of the event that answers a command, e.g. <c>…:sent</c>.</summary>
    public static string Event(string messageId, string suffix) => $"{messageId}:{suffix}";

    /// <summary>A GUID from a string id, for the bus's own message id.</summary>
    public static Guid Guid(string id)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(id)).AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80); // version 8: custom
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}
