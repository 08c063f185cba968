using Klachten.Server.Persistence;

namespace Klachten.Server.Features.Administration;

/// <summary>A staff or integration account as the administration shows it.</summary>
internal sealed record AccountView(
    string UserName, string DisplayName, string? Email, IReadOnlyList<string> Roles, bool Disabled,
    DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, DateTimeOffset? LastSignInAt)
{
    public static AccountView From(UserEntity u) =>
        new(u.UserName, u.DisplayName, u.Email, u.RoleList, u.DisabledAt is not null, u.CreatedAt, u.DisabledAt, u.LastSignInAt);
}

/// <summary>An API key without its secret (only its hash is stored).</summary>
internal sealed record ApiKeyView(Guid Id, string UserName, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public bool Active => RevokedAt is null;

    public static ApiKeyView From(ApiKeyEntity k) => new(k.Id, k.UserName, k.Name, k.CreatedAt, k.LastUsedAt, k.RevokedAt);
}

/// <summary>A key just created: <see cref="Secret"/> is shown this once and never again.</summary>
internal sealed record NewApiKey(ApiKeyView Key, string Secret);

internal sealed record NewAccount(string? UserName, string? DisplayName, string? Email, IReadOnlyList<string>? Roles);

/// <summary>A change to an account; null leaves that part as it is (an empty e-mail address clears it).</summary>
internal sealed record AccountChange(string? DisplayName = null, string? Email = null, IReadOnlyList<string>? Roles = null, bool? Disabled = null);

internal sealed record AdminAuditView(long Id, DateTimeOffset At, string Actor, AdminAction Action, string Subject, string Detail);
