using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Klachten.Server.Features.Auth;

/// <summary>
/// Locks a user name for <see cref="ThrottlingOptions.LockoutDuration"/> after
/// <see cref="ThrottlingOptions.LockoutFailures"/> failed passwords in a row. Names that do not exist are counted the
/// same way, so a lockout tells nothing about which names exist. Held in memory: local passwords exist only in
/// Development (production signs in through OpenID Connect, whose provider has its own lockout).
/// </summary>
internal sealed class SignInLockout(IOptions<ThrottlingOptions> options, TimeProvider clock)
{
    private const int MaxTrackedNames = 10_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The moment the lock ends, or null when the name may try.</summary>
    public DateTimeOffset? LockedUntil(string userName)
    {
        var now = clock.GetUtcNow();
        return _entries.TryGetValue(userName, out var entry) && entry.LockedUntil > now ? entry.LockedUntil : null;
    }

    public void Failed(string userName)
    {
        var now = clock.GetUtcNow();
        Prune(now);
        _entries.AddOrUpdate(userName, _ => Next(new Entry(0, null), now), (_, entry) => Next(entry, now));
    }

    public void Succeeded(string userName) => _entries.TryRemove(userName, out _);

    private Entry Next(Entry entry, DateTimeOffset now)
    {
        var failures = entry.LockedUntil is { } until && until <= now ? 1 : entry.Failures + 1;
        return failures >= options.Value.LockoutFailures
            ? new Entry(0, now + options.Value.LockoutDuration)
            : new Entry(failures, entry.LockedUntil > now ? entry.LockedUntil : null);
    }

    // Attempts are throttled per client, so this only bites under a spread-out attack; then old entries go first.
    private void Prune(DateTimeOffset now)
    {
        if (_entries.Count < MaxTrackedNames)
        {
            return;
        }

        foreach (var (name, entry) in _entries)
        {
            if (entry.LockedUntil is null || entry.LockedUntil <= now)
            {
                _entries.TryRemove(name, out _);
            }
        }
    }

    private sealed record Entry(int Failures, DateTimeOffset? LockedUntil);
}
