using Klachten.Server.Hosting;
using Klachten.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Klachten.Server.Messaging;

internal static class MessagingSetup
{
    /// <summary>
    /// The bus and the outbox relay. With the in-memory transport (the embedded default) the notification and
    /// archive consumers run in this process too, so letters appear without any other server.
    /// </summary>
    public static IHostApplicationBuilder AddKlachtenMessaging(this IHostApplicationBuilder builder, Action<MassTransit.IBusRegistrationConfigurator>? embedded = null)
    {
        builder.AddValidatedOptions<OutboxOptions>(OutboxOptions.SectionName);
        var messaging = builder.Configuration.GetSection(MessagingOptions.SectionName).GetValidated<MessagingOptions>(MessagingOptions.SectionName);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxRelay>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        try
        {
            builder.AddKlachtenBus(bus =>
            {
                bus.AddConsumer<LetterSentConsumer>();
                bus.AddConsumer<LetterFailedConsumer>();
                bus.AddConsumer<LetterFaultConsumer>();

                // The server works without the broker: steps commit their messages to the outbox and the relay
                // delivers them once it is back. So a broker outage makes the node Degraded (still 200 on
                // /health/ready, visible in the report), not Unhealthy - a load balancer must not take every node
                // out of service because RabbitMQ is away. The workers, which cannot work without it, keep Unhealthy.
                bus.ConfigureHealthCheckOptions(o => o.MinimalFailureStatus = HealthStatus.Degraded);
                if (messaging.Transport == MessagingTransport.InMemory)
                {
                    embedded?.Invoke(bus);
                }
            });
        }
        catch (InvalidOperationException ex)
        {
            throw new StartupException(ex.Message);
        }

        return builder;
    }
}
