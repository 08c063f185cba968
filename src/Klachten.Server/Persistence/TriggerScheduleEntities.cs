using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Klachten.Server.Persistence;

/// <summary>
/// The next moment a Timer, StartAt or Cron activity starts its published workflow. Rows are replaced when the
/// definition is published or retracted; firing starts the instance and moves the row on in one transaction.
/// </summary>
internal sealed class TriggerScheduleEntity
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public required string DefinitionVersionId { get; set; }
    public required string ActivityId { get; set; }
    public required string ActivityType { get; set; }
    public DateTimeOffset DueAt { get; set; }

    /// <summary>How often it fired; each start is numbered, so a start is never made twice for one occurrence.</summary>
    public int Fired { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class TriggerScheduleConfiguration : IEntityTypeConfiguration<TriggerScheduleEntity>
{
    public void Configure(EntityTypeBuilder<TriggerScheduleEntity> e)
    {
        e.ToTable("trigger_schedules");
        e.HasKey(t => t.Id);
        e.Property(t => t.Id).HasMaxLength(64);
        e.Property(t => t.DefinitionId).HasMaxLength(200);
        e.Property(t => t.DefinitionVersionId).HasMaxLength(64);
        e.Property(t => t.ActivityId).HasMaxLength(200);
        e.Property(t => t.ActivityType).HasMaxLength(200);
        e.HasIndex(t => t.DueAt);
        e.HasIndex(t => new { t.DefinitionId, t.ActivityId }).IsUnique();
    }
}
