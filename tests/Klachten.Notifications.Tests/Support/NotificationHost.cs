using Klachten.ServiceDefaults;
using Klachten.Testing.Mail;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Klachten.Notifications.Tests.Support;

// The notification module as a host runs it: AddNotifications + AddKlachtenBus(AddNotificationConsumers), its
// migrations applied, a FakeTimeProvider, and a recorder of what it publishes.
public sealed class NotificationHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(1));

    private readonly IHost _host;

    private NotificationHost(IHost host)
    {
        _host = host;
    }

    public IServiceProvider Services => _host.Services;

    public Recorded Recorded => _host.Services.GetRequiredService<Recorded>();

    public FakeTimeProvider Time => _host.Services.GetRequiredService<FakeTimeProvider>();

    public static Dictionary<string, string?> Settings(NotificationsTestDatabase database, SmtpTestServer? smtp) =>
        new(database.Settings())
        {
            ["Klachten:Messaging:Transport"] = "InMemory",
            ["Klachten:Messaging:RetryLimit"] = "3",
            ["Klachten:Notifications:Smtp:Host"] = "127.0.0.1",
            ["Klachten:Notifications:Smtp:Port"] = (smtp?.Port ?? SmtpTestServer.FreePort()).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Klachten:Notifications:Smtp:Timeout"] = "00:00:10",
        };

    public static async Task<NotificationHost> StartAsync(
        Dictionary<string, string?> settings, Action<IBusRegistrationConfigurator>? bus = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Testing",
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        builder.AddNotifications();
        var time = new FakeTimeProvider(Now);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<Recorded>();
        builder.Services.AddSingleton<ConsumedObserver>();
        builder.AddKlachtenBus(b =>
        {
            b.AddNotificationConsumers();
            b.AddConsumer<RecordingConsumer>();
            b.AddConsumeObserver<ConsumedObserver>();
            bus?.Invoke(b);
        });
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.Services.MigrateNotificationsDatabaseAsync();
        await host.StartAsync();
        return new NotificationHost(host);
    }

    public async Task PublishAsync<T>(T message) where T : class => await Services.GetRequiredService<IBus>().Publish(message);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
