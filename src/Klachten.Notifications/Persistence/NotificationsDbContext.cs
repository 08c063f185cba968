using Klachten.ServiceDefaults.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Notifications.Persistence;

/// <summary>
/// The notification service's own tables: its inbox of processed message ids. One model, two providers, each with
/// its own migrations: schema <c>notifications</c> on PostgreSQL, table prefix <c>notifications_</c> on SQLite (which
/// has no schemas and may share its file with the server).
/// </summary>
internal abstract class NotificationsDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public DbSet<InboxDelivery> InboxDeliveries => Set<InboxDelivery>();

    /// <summary>
    /// Serialises the handling of one message id across consumers, so that two copies of a message delivered at the
    /// same time cannot both send. Waits while another consumer holds it; released on dispose (or when the process
    /// dies).
    /// </summary>
    public abstract Task<IAsyncDisposable> LockMessageAsync(string messageId, CancellationToken cancellationToken);

    protected override void ConfigureTables(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InboxMessage>(e =>
        {
            e.ToTable(TablePrefix + "inbox_messages");
            e.HasKey(m => m.MessageId);
            e.Property(m => m.MessageId).HasMaxLength(200);
            e.Property(m => m.MessageType).HasMaxLength(50);
            e.Property(m => m.Status).HasMaxLength(20);
            e.Property(m => m.Sha256).HasMaxLength(64);
            e.Property(m => m.Subject).HasMaxLength(300);
            e.Property(m => m.FailureReason).HasMaxLength(1000);
            e.HasMany(m => m.Deliveries).WithOne().HasForeignKey(d => d.MessageId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => m.ReceivedAt);
        });
        modelBuilder.Entity<InboxDelivery>(e =>
        {
            e.ToTable(TablePrefix + "inbox_deliveries");
            e.HasKey(d => new { d.MessageId, d.Position });
            e.Property(d => d.MessageId).HasMaxLength(200);
            e.Property(d => d.SmtpMessageId).HasMaxLength(300);
            e.Property(d => d.Status).HasMaxLength(20);
        });
    }
}
