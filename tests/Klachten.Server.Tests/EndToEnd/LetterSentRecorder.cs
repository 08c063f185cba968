using System.Collections.Concurrent;
using Klachten.Contracts;
using Klachten.ServiceDefaults;
using MassTransit;

namespace Klachten.Server.Tests.EndToEnd;

/// <summary>
/// Every <see cref="LetterSent"/> the notification service publishes, duplicates included, on a queue of the test's
/// own beside the server's and the archive's. Handled one at a time in queue order, so a
/// <see cref="FenceAsync">fence</see> proves that everything queued before it has been recorded.
/// </summary>
internal sealed class LetterSentRecorder : IAsyncDisposable
{
    private const string QueueName = "e2e-tests-letter-sent";
    private const string FenceKind = "Fence";
    private readonly ConcurrentQueue<LetterSent> _sent = new();
    private IBusControl? _bus;

    /// <summary>What the notification service announced (fence markers left out).</summary>
    public IReadOnlyList<LetterSent> Sent => [.. _sent.Where(s => s.LetterKind != FenceKind)];

    public static async Task<LetterSentRecorder> StartAsync(Uri broker)
    {
        var recorder = new LetterSentRecorder();
        recorder._bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(broker);
            cfg.MessageTopology.SetEntityNameFormatter(new KebabCaseEntityNameFormatter());
            cfg.ReceiveEndpoint(QueueName, endpoint =>
            {
                endpoint.ConcurrentMessageLimit = 1;
                endpoint.Handler<LetterSent>(context =>
                {
                    recorder._sent.Enqueue(context.Message);
                    return Task.CompletedTask;
                });
            });
        });
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var handle = await recorder._bus.StartAsync(limit.Token);
        await handle.Ready.WaitAsync(limit.Token);
        return recorder;
    }

    /// <summary>
    /// Sends a marker straight to the recorder's queue (not published: the server and the archive must not see it) and
    /// waits for it. Call it once the services are quiescent: a late duplicate queued before it is then recorded.
    /// </summary>
    public async Task FenceAsync()
    {
        var id = Guid.NewGuid().ToString();
        var endpoint = await _bus!.GetSendEndpoint(new Uri("queue:" + QueueName));
        await endpoint.Send(new LetterSent(id, id, Guid.Empty, "fence", FenceKind, string.Empty, DateTimeOffset.UtcNow, [], [], []));
        await Klachten.Testing.Eventually.Until(() => Task.FromResult(_sent.Any(s => s.MessageId == id)), TimeSpan.FromSeconds(20));
    }

    public async ValueTask DisposeAsync()
    {
        if (_bus is not null)
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _bus.StopAsync(limit.Token);
        }
    }
}
