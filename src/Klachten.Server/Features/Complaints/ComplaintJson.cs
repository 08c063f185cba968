using System.Text.Json;

namespace Klachten.Server.Features.Complaints;

internal static class ComplaintJson
{
    /// <summary>Web defaults; unknown properties are rejected so a typo in a field name is not silently ignored.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };
}
