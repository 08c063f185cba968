namespace Klachten.Server.Common;

/// <summary>Lets a background loop sleep until its next round is due, or until something wakes it earlier.</summary>
internal abstract class WakeSignal : IDisposable
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
        using var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(Task.Delay(timeout, clock, source.Token), _signal.WaitAsync(source.Token));
        await source.CancelAsync();
    }

    public void Dispose() => _signal.Dispose();
}
