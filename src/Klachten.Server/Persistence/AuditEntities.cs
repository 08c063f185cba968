using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Klachten.Server.Persistence;

/// <summary>What kind of access an audit row records. Stored by name; the names are part of the API contract.</summary>
internal enum AuditKind
{
    /// <summary>The case: <c>GET /api/complaints/{id}</c> or the case page.</summary>
    ViewCase,

    /// <summary>The task page of one of the complaint's tasks.</summary>
    ViewTask,

    /// <summary>The PDF of one of the complaint's letters.</summary>
    DownloadPdf,

    /// <summary>The content of one of the complaint's dossier documents.</summary>
    ViewDocument,

    /// <summary>A file that contains (figures of) the complaint, such as the annual figures CSV.</summary>
    Export,
}

/// <summary>
/// One access to a complaint (AVG accountability): who, when, which complaint, what kind, and whether it was allowed.
/// Never the content, and no personal data beyond the user name.
/// </summary>
internal sealed class AuditEntryEntity
{
    public long Id { get; set; }
    public Guid ComplaintId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string UserName { get; set; }
    public AuditKind Kind { get; set; }

    /// <summary>False for a refused attempt: the concerned employee or manager, who got 404.</summary>
    public bool Allowed { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntryEntity>
{
    public void Configure(EntityTypeBuilder<AuditEntryEntity> e)
    {
        e.ToTable("audit_entries");
        e.HasKey(a => a.Id);
        e.Property(a => a.UserName).HasMaxLength(100);
        e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        e.HasOne<ComplaintEntity>().WithMany().HasForeignKey(a => a.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(a => new { a.ComplaintId, a.At });
    }
}
