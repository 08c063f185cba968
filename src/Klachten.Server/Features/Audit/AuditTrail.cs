using System.Security.Claims;
using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Audit;

/// <summary>
/// Writes audit rows. A row is written before the content leaves the server, in a context of its own (so it never
/// carries the request's other changes and commits on its own), as one small insert. When it cannot be written the
/// request fails with the error and a log line: nothing is shown that the trail does not record (AVG accountability),
/// and no access goes unrecorded without anyone noticing.
/// </summary>
internal sealed class AuditTrail(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuditTrail> logger)
{
    /// <summary>
    /// The complaint as far as access needs it, null when it does not exist. When the user is excluded (the concerned
    /// employee or manager) the refused attempt is recorded here; an allowed access is recorded by the caller once it
    /// knows there is something to show (<see cref="RecordAsync"/>).
    /// </summary>
    public async Task<ComplaintAccess?> CheckAsync(Guid complaintId, ClaimsPrincipal user, AuditKind kind, KlachtenDbContext db, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.AsNoTracking().Where(c => c.Id == complaintId)
            .Select(c => new { c.Reference, c.WorkflowInstanceId, c.ConcernedEmployee, c.Manager })
            .FirstOrDefaultAsync(cancellationToken);
        if (complaint is null)
        {
            return null;
        }

        var excluded = user.Identity?.Name is { } name && (name == complaint.ConcernedEmployee || name == complaint.Manager);
        if (excluded)
        {
            await RecordAsync(complaintId, user, kind, allowed: false, cancellationToken);
        }

        return new ComplaintAccess(complaintId, complaint.Reference, complaint.WorkflowInstanceId, !excluded);
    }

    public Task RecordAsync(Guid complaintId, ClaimsPrincipal user, AuditKind kind, bool allowed, CancellationToken cancellationToken) =>
        RecordManyAsync([complaintId], user, kind, allowed, cancellationToken);

    /// <summary>One row per complaint, all with the same instant (an export of many complaints).</summary>
    public async Task RecordManyAsync(IReadOnlyCollection<Guid> complaintIds, ClaimsPrincipal user, AuditKind kind, bool allowed, CancellationToken cancellationToken)
    {
        if (complaintIds.Count == 0)
        {
            return;
        }

        // PostgreSQL stores instants only with offset zero; a TimeProvider need not return them that way.
        var now = clock.GetUtcNow().ToUniversalTime();
        var userName = user.Identity?.Name ?? string.Empty;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();
            db.AuditEntries.AddRange(complaintIds.Select(id => new AuditEntryEntity { ComplaintId = id, At = now, UserName = userName, Kind = kind, Allowed = allowed }));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Ids and the kind only: never content.
            logger.LogError(ex, "Audit trail not written ({AuditKind}, {ComplaintCount} complaint(s), first {ComplaintId}); the request fails",
                kind, complaintIds.Count, complaintIds.First());
            throw;
        }
    }
}

/// <summary>What a request may know of a complaint before it shows anything; <see cref="Allowed"/> false: answer 404.</summary>
internal sealed record ComplaintAccess(Guid Id, string Reference, string? WorkflowInstanceId, bool Allowed);
