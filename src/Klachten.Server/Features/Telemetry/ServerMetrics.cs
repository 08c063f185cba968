using System.Diagnostics.Metrics;
using Klachten.Server.Persistence;
using Klachten.ServiceDefaults.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Features.Telemetry;

/// <summary>
/// The server's gauges, read from the database (so every replica reports the same values; aggregate with
/// <c>max</c>, not <c>sum</c>). Prometheus names: <c>klachten_workflow_instances{status,sub_status}</c>,
/// <c>klachten_tasks_open</c>, <c>klachten_tasks_overdue</c>, <c>klachten_timer_lag_seconds</c>,
/// <c>klachten_outbox_backlog</c>, <c>klachten_outbox_parked</c>, <c>klachten_letters{status}</c>.
/// </summary>
internal sealed class ServerMetrics : IDisposable
{
    public const string MeterName = KlachtenTelemetry.Prefix + "Server";

    // A meter of our own rather than one from IMeterFactory: under WebApplicationFactory the OpenTelemetry provider
    // did not pick up factory-scoped meters (ASP.NET Core's own were missing too), while this one works everywhere.
    // Disposed with the host, so a stopped host's gauges disappear. The instance tag makes each host's meter a
    // stream of its own: with several hosts in one process (the tests) identical meters shared one stream, and a
    // disposed host's meter ended it for the others.
    private readonly Meter _meter = new(new MeterOptions(MeterName)
    {
        Tags = [new KeyValuePair<string, object?>("klachten.meter.instance", Guid.NewGuid().ToString("N")[..8])],
    });

    private volatile MetricsSnapshot? _snapshot;

    public ServerMetrics()
    {
        var meter = _meter;
        meter.CreateObservableGauge("klachten.workflow.instances", () => Read(s => s.Instances.Select(i =>
            new Measurement<long>(i.Count, new KeyValuePair<string, object?>("status", i.Status), new KeyValuePair<string, object?>("sub_status", i.SubStatus)))), description: "Workflow instances by status and sub-status.");
        meter.CreateObservableGauge("klachten.tasks.open", () => Read<long>(s => [new Measurement<long>(s.TasksOpen)]), description: "Open human tasks.");
        meter.CreateObservableGauge("klachten.tasks.overdue", () => Read<long>(s => [new Measurement<long>(s.TasksOverdue)]), description: "Open human tasks past their term.");
        meter.CreateObservableGauge("klachten.timer.lag", () => Read<double>(s => [new Measurement<double>(s.TimerLag.TotalSeconds)]), unit: "s",
            description: "Age of the oldest timer that is due and not fired yet; 0 when none is waiting.");
        meter.CreateObservableGauge("klachten.outbox.backlog", () => Read<long>(s => [new Measurement<long>(s.OutboxBacklog)]), description: "Outbox messages not yet published.");
        meter.CreateObservableGauge("klachten.outbox.parked", () => Read<long>(s => [new Measurement<long>(s.OutboxParked)]), description: "Outbox messages given up on (attempts exhausted or not publishable).");
        meter.CreateObservableGauge("klachten.letters", () => Read(s => s.Letters.Select(l => new Measurement<long>(l.Count, new KeyValuePair<string, object?>("status", l.Status)))),
            description: "Letters by status (Requested, Sent, Failed).");
    }

    public DateTimeOffset? SampledAt => _snapshot?.At;

    public void Dispose() => _meter.Dispose();

    public async Task SampleAsync(KlachtenDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var instances = await db.WorkflowInstances.AsNoTracking().GroupBy(i => new { i.Status, i.SubStatus })
            .Select(g => new StatusCount(g.Key.Status, g.Key.SubStatus, g.Count())).ToListAsync(cancellationToken);
        var open = db.HumanTasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open);
        var tasksOpen = await open.CountAsync(cancellationToken);
        var tasksOverdue = await open.CountAsync(t => t.ExpiresAt != null && t.ExpiresAt <= now, cancellationToken);
        var oldestDue = await db.Bookmarks.AsNoTracking().Where(b => b.Kind == nameof(Workflows.Runtime.BookmarkKind.Timer) && b.DueAt != null && b.DueAt <= now)
            .MinAsync(b => b.DueAt, cancellationToken);
        var backlog = await db.OutboxMessages.AsNoTracking().CountAsync(m => m.SentAt == null && m.Attempts < Messaging.OutboxRelay.MaxAttempts, cancellationToken);
        var parked = await db.OutboxMessages.AsNoTracking().CountAsync(m => m.SentAt == null && m.Attempts >= Messaging.OutboxRelay.MaxAttempts, cancellationToken);
        var letters = await db.Letters.AsNoTracking().GroupBy(l => l.Status)
            .Select(g => new StatusCount(g.Key.ToString(), string.Empty, g.Count())).ToListAsync(cancellationToken);
        _snapshot = new MetricsSnapshot(now, instances, tasksOpen, tasksOverdue, oldestDue is { } due ? now - due : TimeSpan.Zero, backlog, parked, letters);
    }

    // Before the first sample (database not reachable yet) the gauges report nothing rather than zeros.
    private IEnumerable<Measurement<T>> Read<T>(Func<MetricsSnapshot, IEnumerable<Measurement<T>>> read)
        where T : struct => _snapshot is { } snapshot ? read(snapshot) : [];

    private sealed record StatusCount(string Status, string SubStatus, int Count);

    private sealed record MetricsSnapshot(
        DateTimeOffset At,
        List<StatusCount> Instances,
        int TasksOpen,
        int TasksOverdue,
        TimeSpan TimerLag,
        int OutboxBacklog,
        int OutboxParked,
        List<StatusCount> Letters);
}

/// <summary>Reads the gauges every <see cref="TelemetryOptions.SampleInterval"/>; a failed read keeps the last values.</summary>
internal sealed class ServerMetricsSampler(
    IServiceScopeFactory scopes,
    ServerMetrics metrics,
    TelemetryOptions options,
    TimeProvider clock,
    ILogger<ServerMetricsSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Sampled on real time; "now" in the queries is the workflow clock, which the due instants refer to. The
        // first sample waits one interval: counting instances reads every row, which start-up must not pay for (a
        // node restarted with 100,000 waiting cases is ready after reading a handful of rows).
        using var timer = new PeriodicTimer(options.SampleInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await metrics.SampleAsync(scope.ServiceProvider.GetRequiredService<KlachtenDbContext>(), clock.GetUtcNow(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Database away or not migrated yet: the readiness check says so; metrics keep their last values.
                logger.LogDebug(ex, "Reading the metrics from the database failed");
            }
        }
    }
}
