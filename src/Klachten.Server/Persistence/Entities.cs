namespace Klachten.Server.Persistence;

/// <summary>One row per definition: the lock target for version changes and the pointer to its versions.</summary>
internal sealed class WorkflowDefinitionEntity
{
    public required string DefinitionId { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int LatestVersion { get; set; }
    public int? PublishedVersion { get; set; }
}

internal enum DefinitionVersionState
{
    Draft,
    Published,
    Retracted,
}

/// <summary>One immutable-once-published version; the Elsa JSON is stored whole so unknown properties survive.</summary>
internal sealed class WorkflowDefinitionVersionEntity
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public int Version { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public DefinitionVersionState State { get; set; }
    public bool IsLatest { get; set; }
    public required string Json { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? CreatedBy { get; set; }

    public bool IsPublished => State == DefinitionVersionState.Published;
}

internal sealed class UserEntity
{
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }

    /// <summary>Comma-separated role names.</summary>
    public required string Roles { get; set; }

    public string? PasswordHash { get; set; }

    /// <summary>Where copies of letters and reminders for this person go.</summary>
    public string? Email { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set while the account is disabled: no sign-in, no key, no session; roles are kept for re-enabling.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>The last staff sign-in (OpenID Connect or the Development form).</summary>
    public DateTimeOffset? LastSignInAt { get; set; }

    public IReadOnlyList<string> RoleList => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class ApiKeyEntity
{
    public Guid Id { get; set; }
    public required string UserName { get; set; }
    public required string Name { get; set; }

    /// <summary>SHA-256 of the key, hex; the key itself is never stored.</summary>
    public required string KeyHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>When the key last authenticated a request, to the minute (written at most once a minute).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
}
