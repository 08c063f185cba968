using Klachten.Server.Common;
using Klachten.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Klachten.Server.Messaging;

internal static class MessagingSetup
{
    /// <summary>
    /// The bus and the outbox relay. With the in-memory transport (the embedded default) the notification and
    /// archive consumers run in this process too, so letters appear without any other server: they and the server's
    /// own consumers (<paramref name="serverConsumers"/>) are then registered on the mediator, which the relay awaits (see
    /// <see cref="OutboxRelay"/>), not on the bus.
    /// </summary>
    public static IHostApplicationBuilder AddKlachtenMessaging(this IHostApplicationBuilder builder, Action<IRegistrationConfigurator> serverConsumers, Action<IRegistrationConfigurator>? embedded = null)
    {
        builder.AddValidatedOptions<OutboxOptions>(OutboxOptions.SectionName);
        var messaging = builder.Configuration.GetSection(MessagingOptions.SectionName).GetValidated<MessagingOptions>(MessagingOptions.SectionName);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxRelay>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        var inProcess = messaging.Transport == MessagingTransport.InMemory && embedded is not null;
        if (inProcess)
        {
            builder.Services.AddMediator(mediator =>
            {
                serverConsumers(mediator);
                embedded!(mediator);
            });
        }

        try
        {
            builder.AddKlachtenBus(bus =>
            {
                if (!inProcess)
                {
                    serverConsumers(bus);
                }

                // The server works without the broker: steps commit their messages to the outbox and the relay
                // delivers them once it is back. So a broker outage makes the node Degraded (still 200 on
                // /health/ready, visible in the report), not Unhealthy - a load balancer must not take every node
                // out of service because RabbitMQ is away. The workers, which cannot work without it, keep Unhealthy.
                bus.ConfigureHealthCheckOptions(o => o.MinimalFailureStatus = HealthStatus.Degraded);
            });
        }
        catch (InvalidOperationException ex)
        {
            throw new StartupException(ex.Message);
        }

        return builder;
    }
}
