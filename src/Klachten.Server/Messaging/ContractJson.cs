using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Klachten.Server.Messaging;

/// <summary>How contract messages are stored in outbox rows.</summary>
internal static class ContractJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T message) => JsonSerializer.Serialize(message, Options);

    /// <summary>A message id that is the same whenever it is derived from the same facts (idempotent consumers).</summary>
    public static string StableId(string seed) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16)).ToString();
}
