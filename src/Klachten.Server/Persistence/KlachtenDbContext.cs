using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Persistence;

/// <summary>
/// The server's database. One model, two providers: each provider has its own derived context so that its
/// migrations are generated and kept separately.
/// </summary>
internal abstract class KlachtenDbContext : DbContext, IDataProtectionKeyContext
{
    protected KlachtenDbContext(DbContextOptions options)
        : base(options)
    {
        // A failed SaveChanges aborts the whole step anyway; EF's automatic savepoint around each SaveChanges in a
        // transaction would only add a subtransaction (its own transaction id, extra WAL) to every workflow step.
        Database.AutoSavepointsEnabled = false;
    }

    public DbSet<WorkflowDefinitionEntity> WorkflowDefinitions => Set<WorkflowDefinitionEntity>();
    public DbSet<WorkflowDefinitionVersionEntity> WorkflowDefinitionVersions => Set<WorkflowDefinitionVersionEntity>();
    public DbSet<UserEntity> Users => Set<UserEntity>();
    public DbSet<ApiKeyEntity> ApiKeys => Set<ApiKeyEntity>();
    public DbSet<WorkflowInstanceEntity> WorkflowInstances => Set<WorkflowInstanceEntity>();
    public DbSet<BookmarkEntity> Bookmarks => Set<BookmarkEntity>();
    public DbSet<JournalEntryEntity> JournalEntries => Set<JournalEntryEntity>();
    public DbSet<HumanTaskEntity> HumanTasks => Set<HumanTaskEntity>();
    public DbSet<OutboxMessageEntity> OutboxMessages => Set<OutboxMessageEntity>();
    public DbSet<ComplaintEntity> Complaints => Set<ComplaintEntity>();
    public DbSet<ComplaintSequenceEntity> ComplaintSequences => Set<ComplaintSequenceEntity>();
    public DbSet<ComplaintEventEntity> ComplaintEvents => Set<ComplaintEventEntity>();
    public DbSet<LetterEntity> Letters => Set<LetterEntity>();
    public DbSet<AuditEntryEntity> AuditEntries => Set<AuditEntryEntity>();
    public DbSet<AdminAuditEntryEntity> AdminAuditEntries => Set<AdminAuditEntryEntity>();
    public DbSet<TriggerScheduleEntity> TriggerSchedules => Set<TriggerScheduleEntity>();

    /// <summary>The Data Protection key ring (sign-in cookies, anti-forgery, Studio tokens), shared by every replica.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Hands out the next complaint number of a year. The row stays locked until the transaction ends, so a
    /// rolled-back registration gives its number back: references have no gaps.
    /// </summary>
    public async Task<int> NextComplaintNumberAsync(int year, CancellationToken cancellationToken) =>
        (await Database.SqlQuery<int>($"""
            INSERT INTO complaint_sequences (year, last) VALUES ({year}, 1)
            ON CONFLICT (year) DO UPDATE SET last = complaint_sequences.last + 1
            RETURNING last AS "Value"
            """).ToListAsync(cancellationToken)).Single();

    /// <summary>Locks an instance row for the rest of the transaction (one step at a time per instance).</summary>
    public abstract Task LockInstanceAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> due timers for this node until <paramref name="leaseUntil"/>, oldest
    /// first, skipping rows another node holds. Returns the claimed bookmark ids.
    /// </summary>
    public abstract Task<List<string>> ClaimDueTimersAsync(DateTimeOffset now, DateTimeOffset leaseUntil, string owner, int batchSize, CancellationToken cancellationToken);

    /// <summary>Tells other nodes, when this transaction commits, that a timer is due soon (PostgreSQL NOTIFY).</summary>
    public virtual Task NotifyTimersAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Claims unsent outbox rows for this node until <paramref name="leaseUntil"/>, oldest first, skipping rows another
    /// node holds. The claim commits at once: no transaction stays open while the broker is slow or away.
    /// </summary>
    public abstract Task<List<string>> ClaimOutboxAsync(DateTimeOffset now, DateTimeOffset leaseUntil, string owner, int batchSize, int maxAttempts, CancellationToken cancellationToken);

    /// <summary>The earliest due instant of an unclaimed timer, if any.</summary>
    public Task<DateTimeOffset?> NextTimerDueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Bookmarks.Where(b => b.Kind == "Timer" && (b.LeaseUntil == null || b.LeaseUntil < now)
                && WorkflowInstances.Any(i => i.Id == b.InstanceId && i.Status == "Running"))
            .OrderBy(b => b.DueAt)
            .Select(b => b.DueAt)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Serialises changes to one definition for the rest of the transaction. PostgreSQL locks the row;
    /// SQLite transactions already hold the database's write lock from their start.
    /// </summary>
    public abstract Task LockDefinitionAsync(string definitionId, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts the definition row if it is missing, without failing when a concurrent transaction does the same,
    /// so that creators of one new definition queue on its lock instead of racing on the primary key.
    /// </summary>
    public abstract Task EnsureDefinitionRowAsync(string definitionId, string name, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Whether an exception means a concurrent transaction won (unique violation, deadlock): answered with 409.</summary>
    public bool IsConcurrencyConflict(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (IsProviderConflict(current))
            {
                return true;
            }
        }

        return false;
    }

    protected abstract bool IsProviderConflict(Exception exception);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WorkflowDefinitionEntity>(e =>
        {
            e.ToTable("workflow_definitions");
            e.HasKey(d => d.DefinitionId);
            e.Property(d => d.DefinitionId).HasMaxLength(200);
            e.Property(d => d.Name).HasMaxLength(200);
        });

        modelBuilder.Entity<WorkflowDefinitionVersionEntity>(e =>
        {
            e.ToTable("workflow_definition_versions");
            e.HasKey(v => v.Id);
            e.Property(v => v.Id).HasMaxLength(64);
            e.Property(v => v.DefinitionId).HasMaxLength(200);
            e.Property(v => v.Name).HasMaxLength(200);
            e.Property(v => v.State).HasConversion<string>().HasMaxLength(16);
            e.Property(v => v.CreatedBy).HasMaxLength(100);
            e.Ignore(v => v.IsPublished);
            e.HasOne<WorkflowDefinitionEntity>().WithMany().HasForeignKey(v => v.DefinitionId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(v => new { v.DefinitionId, v.Version }).IsUnique();

            // The last line of defence for "at most one published, one draft, one latest per definition".
            e.HasIndex(v => v.DefinitionId).IsUnique().HasFilter("state = 'Published'").HasDatabaseName("ux_definition_versions_published");
            e.HasIndex(v => v.DefinitionId).IsUnique().HasFilter("state = 'Draft'").HasDatabaseName("ux_definition_versions_draft");
            e.HasIndex(v => v.DefinitionId).IsUnique().HasFilter("is_latest = TRUE").HasDatabaseName("ux_definition_versions_latest");
        });

        ConfigureRuntime(modelBuilder);
        ConfigureComplaints(modelBuilder);
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration());
        modelBuilder.ApplyConfiguration(new AdminAuditEntryConfiguration());
        modelBuilder.ApplyConfiguration(new TriggerScheduleConfiguration());

        modelBuilder.Entity<UserEntity>(e =>
        {
            e.ToTable("users");
            e.HasKey(u => u.UserName);
            e.Property(u => u.UserName).HasMaxLength(100);
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.Property(u => u.Roles).HasMaxLength(500);
            e.Property(u => u.Email).HasMaxLength(254);
        });

        modelBuilder.Entity<ApiKeyEntity>(e =>
        {
            e.ToTable("api_keys");
            e.HasKey(k => k.Id);
            e.Property(k => k.KeyHash).HasMaxLength(64);
            e.Property(k => k.Name).HasMaxLength(100);
            e.HasIndex(k => k.KeyHash).IsUnique();
            e.HasOne<UserEntity>().WithMany().HasForeignKey(k => k.UserName).OnDelete(DeleteBehavior.Cascade);
        });
    }

    private static void ConfigureRuntime(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WorkflowInstanceEntity>(e =>
        {
            e.ToTable("workflow_instances");
            e.HasKey(i => i.Id);
            e.Property(i => i.Id).HasMaxLength(64);
            e.Property(i => i.DefinitionId).HasMaxLength(200);
            e.Property(i => i.DefinitionVersionId).HasMaxLength(64);
            e.Property(i => i.Status).HasMaxLength(16);
            e.Property(i => i.SubStatus).HasMaxLength(16);
            e.Property(i => i.CorrelationId).HasMaxLength(200);
            e.Property(i => i.Name).HasMaxLength(200);
            e.Property(i => i.Revision).IsConcurrencyToken();
            e.HasIndex(i => new { i.DefinitionId, i.Status });
            e.HasIndex(i => i.CorrelationId);
            e.HasIndex(i => i.CreatedAt);
        });

        modelBuilder.Entity<BookmarkEntity>(e =>
        {
            e.ToTable("bookmarks");
            e.HasKey(b => b.Id);
            e.Property(b => b.Id).HasMaxLength(64);
            e.Property(b => b.InstanceId).HasMaxLength(64);
            e.Property(b => b.Kind).HasMaxLength(16);
            e.Property(b => b.ActivityId).HasMaxLength(200);
            e.Property(b => b.ActivityType).HasMaxLength(200);
            e.Property(b => b.EventName).HasMaxLength(200);
            e.Property(b => b.CorrelationId).HasMaxLength(200);
            e.Property(b => b.TaskId).HasMaxLength(64);
            e.Property(b => b.LeaseOwner).HasMaxLength(100);
            e.HasOne<WorkflowInstanceEntity>().WithMany().HasForeignKey(b => b.InstanceId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(b => new { b.Kind, b.DueAt });
            e.HasIndex(b => new { b.EventName, b.CorrelationId });
            e.HasIndex(b => b.InstanceId);
        });

        modelBuilder.Entity<JournalEntryEntity>(e =>
        {
            e.ToTable("journal_entries");
            e.HasKey(j => new { j.InstanceId, j.Sequence });
            e.Property(j => j.InstanceId).HasMaxLength(64);
            e.Property(j => j.EventName).HasMaxLength(32);
            e.Property(j => j.ExecutionId).HasMaxLength(64);

            // Studio's viewer polls executions by id every second.
            e.HasIndex(j => j.ExecutionId);
            e.HasOne<WorkflowInstanceEntity>().WithMany().HasForeignKey(j => j.InstanceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<HumanTaskEntity>(e =>
        {
            e.ToTable("human_tasks");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).HasMaxLength(64);
            e.Property(t => t.InstanceId).HasMaxLength(64);
            e.Property(t => t.Role).HasMaxLength(50);
            e.Property(t => t.Status).HasMaxLength(16).HasConversion<string>();
            e.Property(t => t.Assignee).HasMaxLength(100);
            e.Property(t => t.ExcludedUsers).HasMaxLength(300);
            e.Property(t => t.MetByLetter).HasMaxLength(100);
            e.Property(t => t.Version).IsConcurrencyToken();
            e.HasOne<WorkflowInstanceEntity>().WithMany().HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(t => new { t.Status, t.Role });
            e.HasIndex(t => t.InstanceId);
        });

        modelBuilder.Entity<OutboxMessageEntity>(e =>
        {
            e.ToTable("outbox_messages");
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).HasMaxLength(64);
            e.Property(m => m.MessageType).HasMaxLength(100);
            e.Property(m => m.InstanceId).HasMaxLength(64);
            e.Property(m => m.LeaseOwner).HasMaxLength(100);
            e.Property(m => m.TraceParent).HasMaxLength(64);
            e.HasIndex(m => new { m.SentAt, m.CreatedAt });
        });
    }

    private static void ConfigureComplaints(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ComplaintEntity>(e =>
        {
            e.ToTable("complaints");
            e.HasKey(c => c.Id);
            e.Property(c => c.Reference).HasMaxLength(20);
            e.Property(c => c.Status).HasMaxLength(20).HasConversion<string>();
            e.Property(c => c.Stage).HasMaxLength(10);
            e.Property(c => c.Category).HasMaxLength(20);
            e.Property(c => c.DiscriminationGround).HasMaxLength(20);
            e.Property(c => c.DiscriminationGroundText).HasMaxLength(200);
            e.Property(c => c.ComplainantName).HasMaxLength(200);
            e.Property(c => c.ComplainantEmail).HasMaxLength(254);
            e.Property(c => c.ComplainantPostalAddress).HasMaxLength(500);
            e.Property(c => c.RepresentativeName).HasMaxLength(200);
            e.Property(c => c.RepresentativeKind).HasMaxLength(20);
            e.Property(c => c.RepresentativeEmail).HasMaxLength(254);
            e.Property(c => c.ConcernedEmployee).HasMaxLength(100);
            e.Property(c => c.Manager).HasMaxLength(100);
            e.Property(c => c.WorkflowInstanceId).HasMaxLength(64);
            e.Property(c => c.IdempotencyKey).HasMaxLength(200);
            e.Property(c => c.CreatedBy).HasMaxLength(100);
            e.HasIndex(c => c.Reference).IsUnique();
            e.HasIndex(c => new { c.CreatedBy, c.IdempotencyKey }).IsUnique();
            e.HasIndex(c => c.WorkflowInstanceId);
            e.HasIndex(c => new { c.Status, c.CreatedAt });
        });

        modelBuilder.Entity<ComplaintSequenceEntity>(e =>
        {
            e.ToTable("complaint_sequences");
            e.HasKey(s => s.Year);
            e.Property(s => s.Year).ValueGeneratedNever();
        });

        modelBuilder.Entity<ComplaintEventEntity>(e =>
        {
            e.ToTable("complaint_events");
            e.HasKey(ev => ev.Id);
            e.Property(ev => ev.Kind).HasMaxLength(50);
            e.Property(ev => ev.Text).HasMaxLength(1000);
            e.HasOne<ComplaintEntity>().WithMany().HasForeignKey(ev => ev.ComplaintId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(ev => new { ev.ComplaintId, ev.At });
        });

        modelBuilder.Entity<LetterEntity>(e =>
        {
            e.ToTable("letters");
            e.HasKey(l => l.Id);
            e.Property(l => l.Id).HasMaxLength(64);
            e.Property(l => l.Kind).HasMaxLength(100);
            e.Property(l => l.Status).HasMaxLength(20).HasConversion<string>();
            e.Property(l => l.Sha256).HasMaxLength(64);
            e.HasOne<ComplaintEntity>().WithMany().HasForeignKey(l => l.ComplaintId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(l => l.ComplaintId);
        });
    }
}
