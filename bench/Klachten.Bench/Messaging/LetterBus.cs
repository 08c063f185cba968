using System.Collections.Concurrent;
using Klachten.Contracts;
using Klachten.ServiceDefaults;
using MassTransit;
using RabbitMQ.Client;

namespace Klachten.Bench.Messaging;

/// <summary>
/// A bus of the bench's own on the broker with one queue that records letter ids: <see cref="RawQueue"/> takes every
/// <see cref="SendLetter"/> and does nothing else (the bare consumer), <see cref="SentQueue"/> every <see cref="LetterSent"/>.
/// </summary>
internal sealed class LetterBus : IAsyncDisposable
{
    public const string RawQueue = "bench-send-letter";
    public const string SentQueue = "bench-letter-sent";

    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private readonly string _broker;
    private readonly string _queue;
    private IBusControl? _bus;

    private LetterBus(string broker, string queue)
    {
        (_broker, _queue) = (broker, queue);
    }

    public static async Task<LetterBus> StartAsync(string broker, string queue)
    {
        var bus = new LetterBus(broker, queue);
        bus._bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(new Uri(broker));
            cfg.MessageTopology.SetEntityNameFormatter(new KebabCaseEntityNameFormatter());
            cfg.ReceiveEndpoint(queue, endpoint =>
            {
                endpoint.PrefetchCount = 64;
                if (queue == RawQueue)
                {
                    endpoint.Handler<SendLetter>(c => bus.Seen(c.Message.MessageId));
                }
                else
                {
                    endpoint.Handler<LetterSent>(c => bus.Seen(c.Message.LetterMessageId));
                }
            });
        });
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var handle = await bus._bus.StartAsync(limit.Token);
        await handle.Ready.WaitAsync(limit.Token);
        return bus;
    }

    /// <summary>How many of <paramref name="ids"/> arrived (duplicates count once).</summary>
    public int Received(HashSet<string> ids) => _seen.Keys.Count(ids.Contains);

    /// <summary>Stops the bus and removes its queue, so nothing piles up in it after the scenario.</summary>
    public async Task DeleteQueueAsync()
    {
        await StopAsync();
        await DeleteQueueAsync(_broker, _queue);
    }

    public static async Task DeleteQueueAsync(string broker, string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(broker) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(queue);
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private Task Seen(string id)
    {
        _seen.TryAdd(id, 0);
        return Task.CompletedTask;
    }

    private async Task StopAsync()
    {
        if (_bus is not null)
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _bus.StopAsync(limit.Token);
            _bus = null;
        }
    }
}
