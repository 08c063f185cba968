using Klachten.Archive.Persistence;
using Klachten.Archive.Retention;
using Klachten.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Klachten.Archive.Tests.Support;

/// <summary>
/// The archive as the worker hosts it (AddArchive + AddKlachtenBus with its consumers) on a fake clock, plus a probe
/// that records every consumed message. On RabbitMQ every host gets its own queue names (a per-host prefix) that
/// the broker deletes when the host stops, so parallel tests never take each other's messages.
/// </summary>
public sealed class ArchiveHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(1));

    private readonly IHost _host;

    private ArchiveHost(IHost host, FakeTimeProvider clock)
    {
        _host = host;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    public ConsumeLog Consumed => _host.Services.GetRequiredService<ConsumeLog>();

    internal IServiceProvider Services => _host.Services;

    internal RetentionJob RetentionJob => _host.Services.GetRequiredService<RetentionJob>();

    public static async Task<ArchiveHost> StartAsync(IDictionary<string, string?> settings, Uri? rabbitMq = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        // KLACHTEN_TEST_LOGS=1 shows the hosts' logs (SQL, MassTransit retries) when a test needs explaining.
        if (Environment.GetEnvironmentVariable("KLACHTEN_TEST_LOGS") == "1")
        {
            builder.Logging.AddSimpleConsole();
        }

        if (rabbitMq is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Klachten:Messaging:Transport"] = "RabbitMq",
                ["ConnectionStrings:RabbitMq"] = rabbitMq.ToString(),
            });

            // Registered before AddKlachtenBus, so its kebab-case formatter (TryAdd) gives way to this one.
            var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
            builder.Services.AddSingleton<IEndpointNameFormatter>(new KebabCaseEndpointNameFormatter(prefix, false));
        }

        var clock = new FakeTimeProvider(Start);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<ConsumeLog>();
        builder.AddArchive();
        builder.AddKlachtenBus(bus =>
        {
            bus.AddArchiveConsumers();
            bus.AddConsumer<DocumentArchivedProbe>();
            bus.AddConsumeObserver(services => services.GetRequiredService<ConsumeLog>());
            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.AutoDelete = true;
                }
            });
        });

        var host = builder.Build();
        await host.StartAsync();
        return new ArchiveHost(host, clock);
    }

    /// <summary>Publishes as the message's runtime type, as the server's outbox relay does.</summary>
    public Task PublishAsync(object message) =>
        _host.Services.GetRequiredService<IBus>().Publish(message);

    internal async Task<T> QueryAsync<T>(Func<ArchiveDbContext, Task<T>> query)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ArchiveDbContext>());
    }

    internal Task<List<ArchivedDocument>> DocumentsAsync(Guid complaintId) =>
        QueryAsync(db => db.Documents.AsNoTracking().Where(d => d.ComplaintId == complaintId).OrderBy(d => d.CreatedAt).ToListAsync());

    internal Task<ArchivedCase?> CaseAsync(Guid complaintId) =>
        QueryAsync(db => db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.ComplaintId == complaintId));

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
