using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Timers;

/// <summary>What the database says happened to each instance of a definition: its status and how often its timer fired.</summary>
internal sealed record TimerOutcome(string InstanceId, string Status, int Resumed, int WriteLineCompleted, int Bookmarks)
{
    /// <summary>Read through the server's own context, so the same query runs on SQLite and PostgreSQL.</summary>
    public static async Task<List<TimerOutcome>> ReadAsync(IServiceProvider services, string definitionId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();
        return await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.DefinitionId == definitionId)
            .Select(i => new TimerOutcome(
                i.Id,
                i.Status,
                db.JournalEntries.Count(j => j.InstanceId == i.Id && j.EventName == "Resumed"),
                db.JournalEntries.Count(j => j.InstanceId == i.Id && j.ActivityType == "Elsa.WriteLine" && j.EventName == "Completed"),
                db.Bookmarks.Count(b => b.InstanceId == i.Id)))
            .ToListAsync();
    }

    /// <summary>The lease owners of an instance's bookmark rows (null where no node ever claimed the row).</summary>
    public static async Task<List<string?>> LeaseOwnersAsync(IServiceProvider services, string instanceId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();
        return await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == instanceId).Select(b => b.LeaseOwner).ToListAsync();
    }

    public bool FiredOnce => Status == "Finished" && Resumed == 1 && WriteLineCompleted == 1 && Bookmarks == 0;
}
