using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Klachten.Server.Persistence;

/// <summary>A change to accounts or keys. Stored by name; the names are part of the API contract.</summary>
internal enum AdminAction
{
    UserCreated,

    /// <summary>An OpenID Connect user's first sign-in created the account.</summary>
    UserProvisioned,
    UserChanged,
    RolesChanged,
    UserDisabled,
    UserEnabled,
    ApiKeyCreated,
    ApiKeyRevoked,
}

/// <summary>
/// One change made by an administrator (in the app, the API or a server command) or by a first OpenID Connect
/// sign-in: who, when, what, to whom. Never a key or a password.
/// </summary>
internal sealed class AdminAuditEntryEntity
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The user name of the administrator, <c>commandoregel</c> for a server command, or <c>openid-connect</c>.</summary>
    public required string Actor { get; set; }

    public AdminAction Action { get; set; }

    /// <summary>The user the change concerns.</summary>
    public required string Subject { get; set; }

    /// <summary>What changed, in short: the roles before and after, the key's name.</summary>
    public required string Detail { get; set; }
}

internal sealed class AdminAuditEntryConfiguration : IEntityTypeConfiguration<AdminAuditEntryEntity>
{
    public void Configure(EntityTypeBuilder<AdminAuditEntryEntity> e)
    {
        e.ToTable("admin_audit_entries");
        e.HasKey(a => a.Id);
        e.Property(a => a.Actor).HasMaxLength(100);
        e.Property(a => a.Subject).HasMaxLength(100);
        e.Property(a => a.Detail).HasMaxLength(500);
        e.Property(a => a.Action).HasConversion<string>().HasMaxLength(30);
        e.HasIndex(a => a.At);
    }
}
