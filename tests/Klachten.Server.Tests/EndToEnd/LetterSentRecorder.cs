using System.Collections.Concurrent;
using Klachten.Contracts;
using Klachten.ServiceDefaults;
using MassTransit;

namespace Klachten.Server.Tests.EndToEnd;

/// <summary>
/// Every <see cref="LetterSent"/> the notification service publishes, duplicates included, on a queue of the test's
/// own beside the server's and the archive's.
/// </summary>
internal sealed class LetterSentRecorder : IAsyncDisposable
{
    private readonly ConcurrentQueue<LetterSent> _sent = new();
    private IBusControl? _bus;

    public IReadOnlyList<LetterSent> Sent => [.. _sent];

    public static async Task<LetterSentRecorder> StartAsync(Uri broker)
    {
        var recorder = new LetterSentRecorder();
        recorder._bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(broker);
            cfg.MessageTopology.SetEntityNameFormatter(new KebabCaseEntityNameFormatter());
            cfg.ReceiveEndpoint("e2e-tests-letter-sent", endpoint => endpoint.Handler<LetterSent>(context =>
            {
                recorder._sent.Enqueue(context.Message);
                return Task.CompletedTask;
            }));
        });
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var handle = await recorder._bus.StartAsync(limit.Token);
        await handle.Ready.WaitAsync(limit.Token);
        return recorder;
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
