using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Support;

/// <summary>
/// What an instance's WriteLine activities wrote, in order: Elsa's tests capture the console, our journal keeps each
/// line as its Completed entry's payload.
/// </summary>
internal static class WrittenLines
{
    public static async Task<string[]> ReadAsync(KlachtenFactory factory, string instanceId)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();
        var payloads = await db.JournalEntries.AsNoTracking()
            .Where(j => j.InstanceId == instanceId && j.EventName == "Completed" && j.ActivityType == "Elsa.WriteLine")
            .OrderBy(j => j.Sequence)
            .Select(j => j.PayloadJson)
            .ToListAsync();
        return [.. payloads.Select(p => p is null ? string.Empty : (string?)JsonNode.Parse(p)!["text"] ?? string.Empty)];
    }
}
