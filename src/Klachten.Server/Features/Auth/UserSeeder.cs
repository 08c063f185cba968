using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Klachten.Server.Features.Auth;

/// <summary>
/// Seeds the Development accounts of the HTTP contract (only in Development) and applies the bootstrap key
/// (any environment), so a fresh production install can be administered.
/// </summary>
internal sealed class UserSeeder(
    KlachtenDbContext db,
    IHostEnvironment environment,
    IOptions<AuthOptions> options,
    TimeProvider clock,
    ILogger<UserSeeder> logger)
{
    public const string BootstrapUser = "beheer";

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
                await EnsureUserAsync(userName, displayName, role, password: userName, key: $"dev-{userName}", keyName: "development", cancellationToken);
            }
        }

        if (options.Value.BootstrapApiKey is { Length: > 0 } bootstrapKey)
        {
            await EnsureUserAsync(BootstrapUser, "Beheer (bootstrap)", Roles.Beheerder, password: null, bootstrapKey, keyName: "bootstrap", cancellationToken);
            logger.LogInformation("Bootstrap API key applied for user {UserName}", BootstrapUser);
        }
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
        if (!await db.Users.AnyAsync(u => u.UserName == userName, cancellationToken))
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
