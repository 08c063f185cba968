using System.Diagnostics;

namespace Klachten.Testing;

// Bounded polling for effects that happen on another thread or process (a consumer, a
// background service): probe, then wait for the next tick of a bounded periodic timer.
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        // Wall-clock on purpose: the test's FakeTimeProvider does not advance while we wait.
        var waited = Stopwatch.StartNew();
        using var ticks = new PeriodicTimer(PollInterval);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (waited.Elapsed >= limit)
            {
                throw new TimeoutException(
                    $"Condition not met within {limit.TotalSeconds:0.###} s; last value: {value?.ToString() ?? "null"}");
            }

            await ticks.WaitForNextTickAsync();
        }
    }

    public static Task Until(Func<Task<bool>> probe, TimeSpan? timeout = null) =>
        Until(probe, static done => done, timeout);
}
