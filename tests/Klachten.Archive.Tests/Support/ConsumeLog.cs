using System.Collections.Concurrent;
using Klachten.Contracts;
using Klachten.Testing;
using MassTransit;

namespace Klachten.Archive.Tests.Support;

/// <summary>Every message a host's consumers finished, and every one that faulted: what tests wait on instead of sleeping.</summary>
public sealed class ConsumeLog : IConsumeObserver
{
    private readonly ConcurrentQueue<object> _consumed = new();
    private readonly ConcurrentQueue<object> _faulted = new();

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        _consumed.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        _faulted.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    /// <summary>Waits until <paramref name="count"/> consumptions of matching messages finished; returns them.</summary>
    public Task<List<T>> WaitForAsync<T>(Func<T, bool> match, int count = 1) =>
        Eventually.Until(() => Task.FromResult(_consumed.OfType<T>().Where(match).ToList()), found => found.Count >= count);

    public Task<List<T>> WaitForFaultAsync<T>(Func<T, bool> match) =>
        Eventually.Until(() => Task.FromResult(_faulted.OfType<T>().Where(match).ToList()), found => found.Count > 0);

    /// <summary>The announcements the probe received for a source message.</summary>
    public Task<List<DocumentArchived>> WaitForAnnouncementsAsync(string sourceMessageId, int count = 1) =>
        WaitForAsync<DocumentArchived>(a => a.SourceMessageId == sourceMessageId, count);
}

/// <summary>Subscribes the host to <see cref="DocumentArchived"/> so the log sees what the archive announced.</summary>
public sealed class DocumentArchivedProbe : IConsumer<DocumentArchived>
{
    public Task Consume(ConsumeContext<DocumentArchived> context) => Task.CompletedTask;
}
