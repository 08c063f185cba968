namespace Klachten.Server.Runtime;

/// <summary>Wakes the timer loop early when a step created a timer (another node learns it through NOTIFY).</summary>
internal sealed class TimerSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, clock, timeoutSource.Token);
        var signalled = _signal.WaitAsync(timeoutSource.Token);
        await Task.WhenAny(delay, signalled);
        await timeoutSource.CancelAsync();
    }

    public void Dispose() => _signal.Dispose();
}
