namespace Klachten.Server.Runtime;

/// <summary>
/// A clock that only moves when told to (Development only), so a procedure can be walked through weeks in minutes.
/// Delays still run on real time; the dev clock endpoint fires due timers itself after moving the clock.
/// </summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    /// <summary>Moves the clock forward; moving back is refused.</summary>
    public bool TrySet(DateTimeOffset now)
    {
        lock (_lock)
        {
            if (now < _now)
            {
                return false;
            }

            _now = now.ToUniversalTime();
            return true;
        }
    }
}
