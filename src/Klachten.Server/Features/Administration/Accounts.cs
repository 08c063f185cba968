using System.Security.Cryptography;
using Klachten.Server.Common;
using Klachten.Server.Features.Auth;
using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Administration;

/// <summary>
/// Administration of accounts, roles and API keys: the one implementation behind the API, the staff app's pages and
/// the server commands. Every change and its audit row are saved together, so no change goes unrecorded. A change
/// that would leave no active beheerder is refused: nobody could administer the installation any more.
/// </summary>
internal sealed class Accounts(KlachtenDbContext db, TimeProvider clock)
{
    /// <summary>The actor of changes made with a server command.</summary>
    public const string CommandLineActor = "commandoregel";

    /// <summary>Where a new key starts; makes a leaked key recognisable to secret scanners and people.</summary>
    public const string KeyPrefix = "kw_";

    public async Task<IReadOnlyList<AccountView>> ListAsync(CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        return [.. users.OrderBy(u => u.UserName, StringComparer.Ordinal).Select(AccountView.From)];
    }

    public async Task<AccountView?> FindAsync(string userName, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == userName, cancellationToken) is { } user ? AccountView.From(user) : null;

    public async Task<Result<AccountView>> CreateAsync(string actor, NewAccount request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var userName = request.UserName?.Trim() ?? string.Empty;
        if (!AccountRules.UserNamePattern().IsMatch(userName))
        {
            errors["userName"] = ["Een gebruikersnaam heeft 1 tot 100 tekens: letters, cijfers en . _ @ + - (begint met een letter of cijfer)."];
        }

        var displayName = AccountRules.ValidateDisplayName(request.DisplayName, errors);
        var email = AccountRules.ValidateEmail(request.Email, errors);
        var roles = AccountRules.ValidateRoles(request.Roles ?? [], errors);
        if (errors.Count == 0 && roles.Count == 0)
        {
            errors["roles"] = ["Kies minstens één rol."];
        }

        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        if (await db.Users.AnyAsync(u => u.UserName == userName, cancellationToken))
        {
            return Refusal.Conflict($"Gebruiker '{userName}' bestaat al.");
        }

        var user = new UserEntity
        {
            UserName = userName,
            DisplayName = displayName!,
            Email = email,
            Roles = string.Join(',', roles),
            CreatedAt = Now(),
        };
        db.Users.Add(user);
        Record(actor, AdminAction.UserCreated, userName, $"rollen: {AccountRules.RoleText(roles)}");
        return await SaveAsync(user, $"Gebruiker '{userName}' bestaat al.", cancellationToken);
    }

    public async Task<Result<AccountView>> ChangeAsync(string actor, string userName, AccountChange change, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var displayName = change.DisplayName is null ? null : AccountRules.ValidateDisplayName(change.DisplayName, errors);
        var email = change.Email is null ? null : AccountRules.ValidateEmail(change.Email, errors);
        var roles = change.Roles is null ? null : AccountRules.ValidateRoles(change.Roles, errors);
        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        var users = await db.Users.ToListAsync(cancellationToken);
        var user = users.FirstOrDefault(u => u.UserName == userName);
        if (user is null)
        {
            return Refusal.NotFound($"Gebruiker '{userName}' bestaat niet.");
        }

        var hadAdministrator = users.Any(IsActiveAdministrator);
        if (displayName is not null && displayName != user.DisplayName)
        {
            Record(actor, AdminAction.UserChanged, userName, $"naam: {user.DisplayName} → {displayName}");
            user.DisplayName = displayName;
        }

        if (change.Email is not null && email != user.Email)
        {
            Record(actor, AdminAction.UserChanged, userName, $"e-mailadres: {user.Email ?? "geen"} → {email ?? "geen"}");
            user.Email = email;
        }

        if (roles is not null && !roles.SequenceEqual(user.RoleList, StringComparer.Ordinal))
        {
            Record(actor, AdminAction.RolesChanged, userName, $"rollen: {AccountRules.RoleText(user.RoleList)} → {AccountRules.RoleText(roles)}");
            user.Roles = string.Join(',', roles);
        }

        if (change.Disabled is { } disabled && disabled != (user.DisabledAt is not null))
        {
            user.DisabledAt = disabled ? Now() : null;
            Record(actor, disabled ? AdminAction.UserDisabled : AdminAction.UserEnabled, userName, disabled ? "uitgeschakeld" : "weer ingeschakeld");
        }

        if (hadAdministrator && !users.Any(IsActiveAdministrator))
        {
            return Refusal.Conflict("Er moet minstens één actieve beheerder blijven. Wijs eerst iemand anders de rol beheerder toe.");
        }

        return await SaveAsync(user, conflict: null, cancellationToken);
    }

    public async Task<IReadOnlyList<ApiKeyView>> ListKeysAsync(string? userName, CancellationToken cancellationToken)
    {
        var query = db.ApiKeys.AsNoTracking();
        if (userName is not null)
        {
            query = query.Where(k => k.UserName == userName);
        }

        var keys = await query.ToListAsync(cancellationToken);
        return [.. keys.OrderBy(k => k.UserName, StringComparer.Ordinal).ThenBy(k => k.Name, StringComparer.Ordinal).ThenBy(k => k.CreatedAt).Select(ApiKeyView.From)];
    }

    public async Task<Result<NewApiKey>> CreateKeyAsync(string actor, string? userName, string? name, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        name = name?.Trim() ?? string.Empty;
        if (!AccountRules.KeyNamePattern().IsMatch(name))
        {
            errors["name"] = ["Een sleutelnaam heeft 1 tot 100 tekens: letters, cijfers, spaties en . _ - (begint met een letter of cijfer)."];
        }

        if (string.IsNullOrWhiteSpace(userName))
        {
            errors["userName"] = ["Kies de gebruiker van de sleutel."];
        }

        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors);
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == userName, cancellationToken);
        if (user is null)
        {
            return Refusal.NotFound($"Gebruiker '{userName}' bestaat niet.");
        }

        if (user.DisabledAt is not null)
        {
            return Refusal.Conflict($"Gebruiker '{userName}' is uitgeschakeld; schakel de gebruiker eerst weer in.");
        }

        if (await db.ApiKeys.AnyAsync(k => k.UserName == userName && k.Name == name && k.RevokedAt == null, cancellationToken))
        {
            return Refusal.Conflict($"Gebruiker '{userName}' heeft al een actieve sleutel '{name}'. Kies een andere naam of trek die eerst in.");
        }

        var secret = KeyPrefix + AccountRules.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKeyEntity { Id = Guid.CreateVersion7(), UserName = userName!, Name = name, KeyHash = Secrets.HashApiKey(secret), CreatedAt = Now() };
        db.ApiKeys.Add(key);
        Record(actor, AdminAction.ApiKeyCreated, userName!, $"sleutel: {name}");
        await db.SaveChangesAsync(cancellationToken);
        return new NewApiKey(ApiKeyView.From(key), secret);
    }

    /// <summary>Revokes the key; a key already revoked stays as it was (and no audit row is written).</summary>
    public async Task<Result<ApiKeyView>> RevokeKeyAsync(string actor, Guid id, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        return key is null ? Refusal.NotFound($"API-sleutel '{id}' bestaat niet.") : await RevokeAsync(actor, key, cancellationToken);
    }

    /// <summary>Revokes the user's active key of that name (the server command's way to name a key).</summary>
    public async Task<Result<ApiKeyView>> RevokeKeyAsync(string actor, string userName, string name, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.UserName == userName && k.Name == name && k.RevokedAt == null, cancellationToken);
        return key is null ? Refusal.NotFound($"Gebruiker '{userName}' heeft geen actieve sleutel '{name}'.") : await RevokeAsync(actor, key, cancellationToken);
    }

    public async Task<IReadOnlyList<AdminAuditView>> AuditAsync(string? subject, int take, CancellationToken cancellationToken)
    {
        var query = db.AdminAuditEntries.AsNoTracking();
        if (subject is not null)
        {
            query = query.Where(a => a.Subject == subject);
        }

        // Ids grow with time (one writer per row); ordering by them avoids comparing instants on SQLite.
        return await query.OrderByDescending(a => a.Id).Take(Math.Clamp(take, 1, 1000))
            .Select(a => new AdminAuditView(a.Id, a.At, a.Actor, a.Action, a.Subject, a.Detail))
            .ToListAsync(cancellationToken);
    }

    private static bool IsActiveAdministrator(UserEntity user) =>
        user.DisabledAt is null && user.RoleList.Contains(Auth.Roles.Beheerder, StringComparer.Ordinal);

    private async Task<Result<AccountView>> SaveAsync(UserEntity user, string? conflict, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (conflict is not null && db.IsConcurrencyConflict(ex))
        {
            return Refusal.Conflict(conflict);
        }

        return AccountView.From(user);
    }

    private async Task<Result<ApiKeyView>> RevokeAsync(string actor, ApiKeyEntity key, CancellationToken cancellationToken)
    {
        if (key.RevokedAt is null)
        {
            key.RevokedAt = Now();
            Record(actor, AdminAction.ApiKeyRevoked, key.UserName, $"sleutel: {key.Name}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return ApiKeyView.From(key);
    }

    private void Record(string actor, AdminAction action, string subject, string detail) =>
        db.AdminAuditEntries.Add(new AdminAuditEntryEntity { At = Now(), Actor = AccountRules.Truncate(actor, 100), Action = action, Subject = subject, Detail = AccountRules.Truncate(detail, 500) });

    // PostgreSQL stores instants only with offset zero; a TimeProvider need not return them that way.
    private DateTimeOffset Now() => clock.GetUtcNow().ToUniversalTime();

}
