using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Persistence;

/// <summary>
/// The server's database. One model, two providers: each provider has its own derived context so that its
/// migrations are generated and kept separately.
/// </summary>
internal abstract class KlachtenDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<WorkflowDefinitionEntity> WorkflowDefinitions => Set<WorkflowDefinitionEntity>();
    public DbSet<WorkflowDefinitionVersionEntity> WorkflowDefinitionVersions => Set<WorkflowDefinitionVersionEntity>();
    public DbSet<UserEntity> Users => Set<UserEntity>();
    public DbSet<ApiKeyEntity> ApiKeys => Set<ApiKeyEntity>();

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

        modelBuilder.Entity<UserEntity>(e =>
        {
            e.ToTable("users");
            e.HasKey(u => u.UserName);
            e.Property(u => u.UserName).HasMaxLength(100);
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.Property(u => u.Roles).HasMaxLength(500);
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
}
