using System.Text.Json;
using Klachten.Contracts;
using Klachten.Server.Persistence;
using Klachten.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Klachten.Server.Messaging;

/// <summary>
/// Publishes outbox rows committed by workflow steps. A batch is claimed under a lease (rows another node holds are
/// skipped), each row is published with broker confirms and a time limit and marked sent right after, with no database
/// transaction held while the broker is slow or away: a row is not published by two nodes at once, and an outage only
/// delays it. Consumers deduplicate on the message id, which covers the one remaining window (published, then the
/// mark failed or the node died).
/// </summary>
/// <remarks>
/// In the embedded default (in-memory transport) the consumers run in this process, and a publish on the in-memory bus
/// returns once the message is queued in memory: marking the row sent then loses the message at a crash. There the
/// relay hands each row to the mediator instead (<see cref="InProcessDelivery"/>), which runs the consumers in-line and
/// returns only when they have committed; see there.
/// </remarks>
internal sealed class OutboxRelay(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    MessagingOptions messaging,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    /// <summary>Attempts after which a row is parked (also read by the outbox metrics).</summary>
    internal const int MaxAttempts = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using (scopes.CreateAsyncScope().ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        if (InProcess)
        {
            await InProcessDelivery.ReleaseLeasesOfPreviousRunAsync(scopes, options.Value.NodeName, logger, stoppingToken);
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

    /// <summary>Claims a batch under a lease, publishes each row with a time limit and marks it sent at once.</summary>
    public async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();
        var publish = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        var now = clock.GetUtcNow();
        List<string> claimed;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            claimed = await db.ClaimOutboxAsync(now, now + options.Value.Lease, options.Value.NodeName, options.Value.BatchSize, MaxAttempts, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (claimed.Count == 0)
        {
            return 0;
        }

        var rows = await db.OutboxMessages.AsNoTracking().Where(m => claimed.Contains(m.Id)).OrderBy(m => m.CreatedAt).ToListAsync(cancellationToken);
        var inProcess = InProcess ? new InProcessDelivery(scope.ServiceProvider, db, clock, logger) : null;
        var handled = new HashSet<string>(StringComparer.Ordinal);
        var published = 0;
        try
        {
            foreach (var row in rows)
            {
                if (!MessageTypes.ByName.TryGetValue(row.MessageType, out var type) || Deserialize(row, type) is not { } message)
                {
                    // Not a contract message (the outbox writer only adds contract records; a row from an older version could be): park it, visibly.
                    logger.LogError("Outbox message {MessageId} of type {MessageType} cannot be published; parked", row.Id, row.MessageType);
                    await MarkAsync(db, row.Id, sent: false, cancellationToken);
                    handled.Add(row.Id);
                    continue;
                }

                // Telemetry: continues the trace of the step that wrote the row; MassTransit's publish span is its child.
                using (Features.Telemetry.ServerTelemetry.StartPublish(row.Id, row.MessageType, row.TraceParent))
                {
                    if (inProcess is not null)
                    {
                        if (!await inProcess.DeliverAsync(row, message, type, cancellationToken))
                        {
                            handled.Add(row.Id); // failed: it waits out its back-off without holding up the rows behind it
                            continue;
                        }
                    }
                    else
                    {
                        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                        // MassTransit waits for the broker as long as it takes; a bounded wait lets the relay back off.
                        limit.CancelAfter(options.Value.PublishTimeout);
                        await publish.Publish(message, type, context => context.MessageId = Guid.Parse(row.Id), limit.Token);
                    }
                }

                await MarkAsync(db, row.Id, sent: true, CancellationToken.None);
                handled.Add(row.Id);
                published++;
            }
        }
        finally
        {
            // Whatever was not published goes back at once, instead of waiting out the lease.
            var rest = rows.Where(r => !handled.Contains(r.Id)).Select(r => r.Id).ToList();
            if (rest.Count > 0)
            {
                await db.OutboxMessages.Where(m => rest.Contains(m.Id) && m.SentAt == null && m.LeaseOwner == options.Value.NodeName)
                    .ExecuteUpdateAsync(m => m.SetProperty(x => x.LeaseOwner, (string?)null).SetProperty(x => x.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
            }
        }

        return published;
    }

    private bool InProcess => messaging.Transport == MessagingTransport.InMemory;

    private async Task MarkAsync(KlachtenDbContext db, string id, bool sent, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.OutboxMessages.Where(m => m.Id == id)
            .ExecuteUpdateAsync(m => m
                .SetProperty(x => x.SentAt, x => sent ? now : x.SentAt)
                .SetProperty(x => x.Attempts, x => sent ? x.Attempts + 1 : MaxAttempts), cancellationToken);
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

    /// <summary>How long one publish may wait for the broker before the batch is handed back.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claim protects rows from other nodes; a node that dies frees them after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>This node's name in claims.</summary>
    public string NodeName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
}

/// <summary>Wakes the relay as soon as a step committed outbox rows.</summary>
internal sealed class OutboxSignal : Common.WakeSignal;
