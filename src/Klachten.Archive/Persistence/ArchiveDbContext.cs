using Klachten.ServiceDefaults.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Archive.Persistence;

/// <summary>
/// The dossier's own tables: schema <c>archive</c> on PostgreSQL, prefix <c>archive_</c> on SQLite (where the
/// embedded default shares one file with the server). One derived context per provider keeps their migrations apart.
/// </summary>
internal abstract class ArchiveDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public const int ReferenceLength = 50;
    public const int MessageIdLength = 200;

    public DbSet<ArchivedDocument> Documents => Set<ArchivedDocument>();

    public DbSet<ArchivedCase> Cases => Set<ArchivedCase>();

    public DbSet<InboxMessage> Inbox => Set<InboxMessage>();

    /// <summary>
    /// Serialises the transactions of one case for the rest of the current transaction, so a document archived while
    /// its case closes cannot miss its retention date.
    /// </summary>
    public abstract Task LockCaseAsync(Guid complaintId, CancellationToken cancellationToken);

    protected override void ConfigureTables(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ArchivedDocument>(e =>
        {
            e.ToTable(TablePrefix + "documents");
            e.HasKey(d => d.Id);
            e.Property(d => d.Id).ValueGeneratedNever();
            e.Property(d => d.CaseReference).HasMaxLength(ReferenceLength);
            e.Property(d => d.Kind).HasMaxLength(150);
            e.Property(d => d.ContentType).HasMaxLength(200);
            e.Property(d => d.Author).HasMaxLength(100);
            e.Property(d => d.Sha256).HasMaxLength(64).IsFixedLength();
            e.Property(d => d.SourceMessageId).HasMaxLength(MessageIdLength);
            e.HasIndex(d => d.SourceMessageId).IsUnique();
            e.HasIndex(d => d.ComplaintId);
            e.HasIndex(d => d.RetainUntil);
        });

        modelBuilder.Entity<ArchivedCase>(e =>
        {
            e.ToTable(TablePrefix + "cases");
            e.HasKey(c => c.ComplaintId);
            e.Property(c => c.ComplaintId).ValueGeneratedNever();
            e.Property(c => c.CaseReference).HasMaxLength(ReferenceLength);
            e.Property(c => c.Status).HasMaxLength(50);
            e.HasIndex(c => c.RetainUntil);
        });

        modelBuilder.Entity<InboxMessage>(e =>
        {
            e.ToTable(TablePrefix + "inbox");
            e.HasKey(m => new { m.Consumer, m.MessageId });
            e.Property(m => m.Consumer).HasMaxLength(100);
            e.Property(m => m.MessageId).HasMaxLength(MessageIdLength);
        });
    }
}
