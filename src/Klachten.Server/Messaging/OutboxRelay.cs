using System.Text.Json;
using Klachten.Contracts;
using Klachten.Server.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Klachten.Server.Messaging;

/// <summary>
/// Publishes outbox rows committed by workflow steps. A batch is claimed inside a transaction (rows another node holds
/// are skipped on PostgreSQL), published with broker confirms, and marked sent in the same transaction: a row is never
/// published by two nodes at once, and a broker outage only delays it. Consumers deduplicate on the message id, which
/// covers the one remaining case (published, then the commit failed).
/// </summary>
internal sealed class OutboxRelay(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private const int MaxAttempts = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using (scopes.CreateAsyncScope().ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var delay = options.Value.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await RelayBatchAsync(stoppingToken);
                delay = options.Value.PollInterval;
                if (published >= options.Value.BatchSize)
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Broker or database away: keep the rows, back off, try again.
                logger.LogWarning(ex, "Outbox relay round failed; retrying in {Delay}", delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Value.MaxBackoff.Ticks));
            }

            await signal.WaitAsync(delay, clock, stoppingToken);
        }
    }

    /// <summary>Publishes one batch; returns how many rows were published.</summary>
    public async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();
        var publish = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.ClaimOutboxAsync(options.Value.BatchSize, MaxAttempts, cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        foreach (var row in rows)
        {
            if (!MessageTypes.ByName.TryGetValue(row.MessageType, out var type) || Deserialize(row, type) is not { } message)
            {
                // Not a contract message (e.g. a letter of a workflow without a complaint): park it, visibly.
                row.Attempts = MaxAttempts;
                logger.LogError("Outbox message {MessageId} of type {MessageType} cannot be published; parked", row.Id, row.MessageType);
                continue;
            }

            await publish.Publish(message, type, context => context.MessageId = Guid.Parse(row.Id), cancellationToken);
            row.SentAt = now;
            row.Attempts++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    private static object? Deserialize(OutboxMessageEntity row, Type type)
    {
        try
        {
            return Guid.TryParse(row.Id, out _) ? JsonSerializer.Deserialize(row.PayloadJson, type, ContractJson.Options) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

internal sealed class OutboxOptions
{
    public const string SectionName = "Klachten:Outbox";

    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Wakes the relay as soon as a step committed outbox rows.</summary>
internal sealed class OutboxSignal : IDisposable
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
