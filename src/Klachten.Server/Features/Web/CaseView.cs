using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klachten.Contracts;
using Klachten.Server.Features.Audit;
using Klachten.Server.Features.Complaints;
using Klachten.Server.Messaging;
using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Web;

/// <summary>
/// Everything the case page shows: the case as <c>GET /api/complaints/{id}</c> reads it, the procedure drawn with
/// the current step(s), and the dossier documents as far as this server knows them (what it handed to the archive).
/// </summary>
internal sealed record CaseView(CaseRecord Complaint, string FlowchartSvg, IReadOnlyList<string> ActiveSteps, IReadOnlyList<CaseView.Document> Documents, CaseStory Story)
{
    /// <summary>The events the procedure waits for from outside (e.g. <c>KlachtIngetrokken</c>), for the page's actions.</summary>
    public IReadOnlySet<string> AwaitedEvents { get; init; } = new HashSet<string>();

    internal sealed record Document(string Id, string Kind, string Author, DateTimeOffset CreatedAt, int Bytes, bool HandedOver);

    /// <summary>Null when the case does not exist or the user is excluded; records the view (<see cref="AuditKind.ViewCase"/>).</summary>
    public static async Task<CaseView?> LoadAsync(Guid id, ClaimsPrincipal user, KlachtenDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await GetComplaint.LoadAsync(id, user, db, audit, clock, cancellationToken) is not { } complaint)
        {
            return null;
        }

        var instanceId = complaint.WorkflowInstanceId;
        var instance = instanceId is null ? null : await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
        if (instance is null)
        {
            return new CaseView(complaint, string.Empty, [], [], CaseStory.Empty);
        }

        // The current step is what the procedure waits for from people: its open tasks. Only when none is open (a
        // term running, an external event awaited) are the instance's bookmarks shown as where it waits; otherwise a
        // parallel listener such as "Klager trekt de klacht in" would read as the current step.
        var story = await CaseStory.LoadAsync(db, instance.Id, clock.GetUtcNow(), cancellationToken);
        var open = await db.HumanTasks.AsNoTracking().Where(t => t.InstanceId == instance.Id && t.Status == HumanTaskStatus.Open).Select(t => t.ActivityId).ToListAsync(cancellationToken);
        // The withdrawal listener waits beside every step; the page offers it as an action, not as the current step.
        var active = (open.Count > 0 ? open : await db.Bookmarks.AsNoTracking()
                .Where(b => b.InstanceId == instance.Id && !(b.Kind == "Event" && b.EventName == ComplaintEvents.WithdrawalEvent))
                .Select(b => b.ActivityId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var done = (await db.JournalEntries.AsNoTracking().Where(j => j.InstanceId == instance.Id && j.EventName == "Completed").Select(j => j.ActivityId).Distinct().ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var json = await db.WorkflowDefinitionVersions.AsNoTracking().Where(v => v.Id == instance.DefinitionVersionId).Select(v => v.Json).FirstOrDefaultAsync(cancellationToken);
        var root = json is null ? null : JsonNode.Parse(json)?["root"];
        var svg = root is null ? string.Empty : Web.FlowchartSvg.Render(root, active, done);
        var steps = open.Count > 0
            ? story.Waiting.Select(s => s.Title).ToList()
            : root is null ? [] : Web.FlowchartSvg.Read(root).Nodes.Where(n => active.Contains(n.Id)).Select(n => n.Text).ToList();
        var events = await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == instance.Id && b.Kind == "Event" && b.EventName != null)
            .Select(b => b.EventName!).ToListAsync(cancellationToken);
        return new CaseView(complaint, svg, steps, await DocumentsAsync(db, instance.Id, cancellationToken), story) { AwaitedEvents = events.ToHashSet(StringComparer.Ordinal) };
    }

    private static async Task<List<Document>> DocumentsAsync(KlachtenDbContext db, string instanceId, CancellationToken cancellationToken)
    {
        var rows = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.InstanceId == instanceId && m.MessageType == nameof(ArchiveDocument))
            .OrderBy(m => m.CreatedAt)
            .Select(m => new { m.Id, m.PayloadJson, m.SentAt })
            .ToListAsync(cancellationToken);
        var documents = new List<Document>();
        foreach (var row in rows)
        {
            if (JsonSerializer.Deserialize<ArchiveDocument>(row.PayloadJson, ContractJson.Options) is { } document)
            {
                documents.Add(new Document(row.Id, document.Kind, document.Author, document.CreatedAt, document.Content.Length, row.SentAt is not null));
            }
        }

        return documents;
    }

    /// <summary>One dossier document of the case's instance as the server handed it to the archive, or null.</summary>
    public static async Task<ArchiveDocument?> DocumentAsync(KlachtenDbContext db, string instanceId, string documentId, CancellationToken cancellationToken)
    {
        var payload = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Id == documentId && m.InstanceId == instanceId && m.MessageType == nameof(ArchiveDocument))
            .Select(m => m.PayloadJson)
            .FirstOrDefaultAsync(cancellationToken);
        return payload is null ? null : JsonSerializer.Deserialize<ArchiveDocument>(payload, ContractJson.Options);
    }
}
