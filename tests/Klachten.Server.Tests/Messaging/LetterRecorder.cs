using System.Collections.Concurrent;
using System.Diagnostics;
using Klachten.Contracts;
using Klachten.Testing;
using MassTransit;

namespace Klachten.Server.Tests.Messaging;

/// <summary>One <see cref="SendLetter"/> as the test's consumer received it.</summary>
internal sealed record Delivery(Guid? MessageId, SendLetter Letter, Uri? SourceAddress, TimeSpan At);

/// <summary>
/// The notification service's place on the broker, taken by the test: a bus of its own on the same virtual host with a
/// <see cref="SendLetter"/> consumer that records every delivery, duplicates included. Messages are handled one at a
/// time in queue order, so a <see cref="FenceAsync">fence</see> proves that everything published before it has arrived.
/// </summary>
internal sealed class LetterRecorder : IAsyncDisposable
{
    public const string QueueName = "messaging-tests-send-letter";

    private readonly ConcurrentQueue<Delivery> _deliveries = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private IBusControl _bus = null!;

    /// <summary>Time since the recorder started, on the same scale as <see cref="Delivery.At"/>.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public IBus Bus => _bus;

    public static async Task<LetterRecorder> StartAsync(Uri broker)
    {
        var recorder = new LetterRecorder();
        recorder._bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(broker);
            cfg.MessageTopology.SetEntityNameFormatter(new Klachten.ServiceDefaults.KebabCaseEntityNameFormatter());
            cfg.ReceiveEndpoint(QueueName, endpoint =>
            {
                endpoint.PrefetchCount = 32;
                endpoint.ConcurrentMessageLimit = 1;
                endpoint.Handler<SendLetter>(context =>
                {
                    recorder._deliveries.Enqueue(new Delivery(context.MessageId, context.Message, context.SourceAddress, recorder._clock.Elapsed));
                    return Task.CompletedTask;
                });
            });
        });
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var handle = await recorder._bus.StartAsync(limit.Token);
        await handle.Ready.WaitAsync(limit.Token);
        return recorder;
    }

    public IReadOnlyList<Delivery> Deliveries => [.. _deliveries];

    /// <summary>Deliveries of letters of <paramref name="complaintId"/>.</summary>
    public IReadOnlyList<Delivery> Of(Guid complaintId) => [.. _deliveries.Where(d => d.Letter.ComplaintId == complaintId)];

    /// <summary>Waits until at least <paramref name="count"/> deliveries match; returns those that do.</summary>
    public Task<IReadOnlyList<Delivery>> WaitForAsync(Func<Delivery, bool> match, int count, TimeSpan? timeout = null) =>
        Eventually.Until(() => Task.FromResult<IReadOnlyList<Delivery>>([.. _deliveries.Where(match)]), found => found.Count >= count, timeout ?? TimeSpan.FromSeconds(20));

    /// <summary>
    /// Publishes a marker letter and waits for it: once it is here, every message the broker held before it has been
    /// recorded too (one queue, handled in order), so a duplicate published earlier could no longer be on its way.
    /// </summary>
    public async Task FenceAsync()
    {
        var id = Guid.NewGuid();
        var marker = new SendLetter(id.ToString(), Guid.Empty, "fence", "Fence", [], [], new Dictionary<string, string>(), DateTimeOffset.UtcNow);
        await _bus.Publish(marker, context => context.MessageId = id);
        await WaitForAsync(d => d.MessageId == id, 1);
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
