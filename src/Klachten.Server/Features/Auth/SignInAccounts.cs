using System.Net.Mail;
using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Auth;

/// <summary>
/// The account behind a staff sign-in. An OpenID Connect user's account is created at the first sign-in with the
/// roles the provider's claims map to; at later sign-ins roles the provider grants that the account lacks are added.
/// The stored roles are then the one truth for sessions, API keys and Studio tokens. Audit rows record both changes;
/// every sign-in is noted.
/// </summary>
internal sealed class SignInAccounts(KlachtenDbContext db, TimeProvider clock)
{
    /// <summary>The actor of an account created at its first OpenID Connect sign-in.</summary>
    public const string OidcActor = "openid-connect";

    /// <summary>The stored account, disabled ones included: the caller refuses those.</summary>
    public async Task<UserEntity> SignedInAsync(string userName, string? displayName, string? email, IReadOnlyList<string> grantedRoles, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, cancellationToken);
        var roles = Roles.Ordered.Where(grantedRoles.Contains).ToList();
        if (user is null)
        {
            user = new UserEntity
            {
                UserName = userName,
                DisplayName = Limit(string.IsNullOrWhiteSpace(displayName) ? userName : displayName.Trim(), 200),
                Email = email is { Length: <= 254 } && MailAddress.TryCreate(email, out _) ? email : null,
                Roles = string.Join(',', roles),
                CreatedAt = now,
            };
            db.Users.Add(user);
            Record(now, AdminAction.UserProvisioned, userName, $"rollen: {RoleText(roles)}");
        }
        else if (user.DisabledAt is null && roles.Except(user.RoleList, StringComparer.Ordinal).Any())
        {
            var merged = Roles.Ordered.Where(r => roles.Contains(r) || user.RoleList.Contains(r)).ToList();
            Record(now, AdminAction.RolesChanged, userName, $"rollen: {RoleText(user.RoleList)} → {RoleText(merged)}");
            user.Roles = string.Join(',', merged);
        }

        user.LastSignInAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (db.IsConcurrencyConflict(ex))
        {
            // The same person signed in twice at once (two tabs): the other sign-in created the account.
            db.ChangeTracker.Clear();
            user = await db.Users.AsNoTracking().FirstAsync(u => u.UserName == userName, cancellationToken);
        }

        return user;
    }

    private void Record(DateTimeOffset now, AdminAction action, string userName, string detail) =>
        db.AdminAuditEntries.Add(new AdminAuditEntryEntity { At = now, Actor = OidcActor, Action = action, Subject = userName, Detail = detail });

    private static string RoleText(IReadOnlyList<string> roles) => roles.Count == 0 ? "geen" : string.Join(", ", roles);

    private static string Limit(string value, int length) => value.Length <= length ? value : value[..length];
}
