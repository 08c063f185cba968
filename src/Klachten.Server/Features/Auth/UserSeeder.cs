using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Klachten.Server.Features.Auth;

/// <summary>
/// Seeds the Development accounts of the HTTP contract (only in Development) and applies the bootstrap key
/// (any environment), so a fresh production install can be administered. Outside Development every Development
/// account found in the database (one that holds a key named <see cref="DevelopmentKeyName"/>) is disabled: its key
/// revoked, its password and roles cleared, so a database once used in Development is safe in production.
/// </summary>
internal sealed class UserSeeder(
    KlachtenDbContext db,
    IHostEnvironment environment,
    IOptions<AuthOptions> options,
    TimeProvider clock,
    ILogger<UserSeeder> logger)
{
    public const string BootstrapUser = "beheer";
    public const string DevelopmentKeyName = "development";

    public static readonly IReadOnlyList<(string UserName, string DisplayName, string Role)> DevelopmentUsers =
    [
        ("medewerker", "Mila Medewerker", Roles.Medewerker),
        ("leidinggevende", "Lars Leidinggevende", Roles.Leidinggevende),
        ("directeur", "Dina Directeur", Roles.Directeur),
        ("commissie", "Kees Commissie", Roles.Klachtencommissie),
        ("procesbeheerder", "Pim Procesbeheerder", Roles.Procesbeheerder),
        ("beheerder", "Bea Beheerder", Roles.Beheerder),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (environment.IsDevelopment())
        {
            foreach (var (userName, displayName, role) in DevelopmentUsers)
            {
                await EnsureUserAsync(userName, displayName, role, password: userName, key: $"dev-{userName}", keyName: DevelopmentKeyName, cancellationToken);
            }
        }
        else
        {
            var disabled = await DisableDevelopmentAccountsAsync(cancellationToken);
            logger.LogInformation("Environment {Environment}: {Count} Development accounts disabled", environment.EnvironmentName, disabled);
        }

        if (options.Value.BootstrapApiKey is { Length: > 0 } bootstrapKey)
        {
            await EnsureUserAsync(BootstrapUser, "Beheer (bootstrap)", Roles.Beheerder, password: null, bootstrapKey, keyName: "bootstrap", cancellationToken);
            logger.LogInformation("Bootstrap API key applied for user {UserName}", BootstrapUser);
        }
    }

    /// <summary>Returns how many Development accounts were still usable (and now are not).</summary>
    private async Task<int> DisableDevelopmentAccountsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var keys = await db.ApiKeys.Where(k => k.Name == DevelopmentKeyName).ToListAsync(cancellationToken);
        var userNames = keys.Select(k => k.UserName).ToHashSet(StringComparer.Ordinal);
        var users = await db.Users.Where(u => userNames.Contains(u.UserName)).ToListAsync(cancellationToken);
        var usable = users.Where(u => u.PasswordHash is not null || u.Roles.Length > 0).Select(u => u.UserName)
            .Concat(keys.Where(k => k.RevokedAt is null).Select(k => k.UserName))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var key in keys.Where(k => k.RevokedAt is null))
        {
            key.RevokedAt = now;
        }

        foreach (var user in users)
        {
            user.PasswordHash = null;
            user.Roles = string.Empty;
            user.DisabledAt ??= now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return usable.Count;
    }

    private async Task EnsureUserAsync(string userName, string displayName, string role, string? password, string key, string keyName, CancellationToken cancellationToken)
    {
        try
        {
            await TryEnsureUserAsync(userName, displayName, role, password, key, keyName, cancellationToken);
        }
        catch (DbUpdateException ex) when (db.IsConcurrencyConflict(ex))
        {
            // Another node seeded the same row at the same moment; its row is as good as ours.
            db.ChangeTracker.Clear();
            await TryEnsureUserAsync(userName, displayName, role, password, key, keyName, cancellationToken);
        }
    }

    private async Task TryEnsureUserAsync(string userName, string displayName, string role, string? password, string key, string keyName, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, cancellationToken);
        if (user is not null && user.Roles.Length == 0)
        {
            // Disabled by an earlier start outside Development: usable again only here.
            user.Roles = role;
            user.PasswordHash = password is null ? null : Secrets.HashPassword(password);
            user.DisabledAt = null;
        }
        else if (user is null)
        {
            db.Users.Add(new UserEntity
            {
                UserName = userName,
                DisplayName = displayName,
                Roles = role,
                PasswordHash = password is null ? null : Secrets.HashPassword(password),
                Email = password is null ? null : $"{userName}@integratiewerk.local",
                CreatedAt = now,
            });
        }

        // One key of this name per user: a changed bootstrap key replaces the old one.
        var hash = Secrets.HashApiKey(key);
        var existing = await db.ApiKeys.FirstOrDefaultAsync(k => k.UserName == userName && k.Name == keyName, cancellationToken);
        if (existing is null)
        {
            db.ApiKeys.Add(new ApiKeyEntity { Id = Guid.CreateVersion7(), UserName = userName, Name = keyName, KeyHash = hash, CreatedAt = now });
        }
        else if (existing.KeyHash != hash || existing.RevokedAt is not null)
        {
            existing.KeyHash = hash;
            existing.RevokedAt = null;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
