using System.Security.Claims;
using System.Text.Json.Nodes;
using Klachten.Contracts;
using Klachten.Server.Common;
using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Audit;

/// <summary>
/// <c>GET /api/complaints/{id}/audit</c> (beheerder): who accessed the complaint when, and how, oldest first. A
/// beheerder who is the concerned employee or manager gets 404, as for the case itself.
/// </summary>
internal static class GetAudit
{
    /// <summary>One audit row as the API and the staff app show it.</summary>
    internal sealed record Item(DateTimeOffset At, string User, AuditKind Kind, bool Allowed);

    /// <summary>The complaint's reference and its audit rows, or null when it does not exist or the user is concerned in it.</summary>
    internal sealed record Trail(string Reference, IReadOnlyList<Item> Items);

    public static async Task<IResult> HandleAsync(Guid id, ClaimsPrincipal user, KlachtenDbContext db, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, user, db, cancellationToken) is not { } trail)
        {
            return ProblemResponses.NotFound($"Klacht '{id}' bestaat niet.");
        }

        return TypedResults.Json(new JsonObject
        {
            ["items"] = new JsonArray(trail.Items.Select(i => (JsonNode?)new JsonObject
            {
                ["at"] = i.At,
                ["user"] = i.User,
                ["kind"] = i.Kind.ToString(),
                ["allowed"] = i.Allowed,
            }).ToArray()),
        });
    }

    public static async Task<Trail?> LoadAsync(Guid id, ClaimsPrincipal user, KlachtenDbContext db, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (complaint is null || complaint.Concerns(user.Identity?.Name))
        {
            return null;
        }

        // Rows of one request share an instant; the id keeps them in the order they were written.
        var rows = await db.AuditEntries.AsNoTracking().Where(a => a.ComplaintId == id)
            .OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => new { a.At, a.UserName, a.Kind, a.Allowed })
            .ToListAsync(cancellationToken);
        return new Trail(complaint.Reference, [.. rows.Select(r => new Item(AmsterdamTime.Local(r.At), r.UserName, r.Kind, r.Allowed))]);
    }

    /// <summary>The Dutch label of a kind, the one source for the staff app.</summary>
    public static string Label(AuditKind kind) => kind switch
    {
        AuditKind.ViewCase => "Klacht bekeken",
        AuditKind.ViewTask => "Taak bekeken",
        AuditKind.DownloadPdf => "Brief (PDF) gedownload",
        AuditKind.ViewDocument => "Dossierstuk geopend",
        AuditKind.Export => "Opgenomen in export (jaarcijfers)",
        _ => kind.ToString(),
    };
}
