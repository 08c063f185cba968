using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Klachten.ServiceDefaults;

/// <summary>Which bus a host uses: in-memory for the embedded default, RabbitMQ in production.</summary>
public enum MessagingTransport
{
    /// <summary>In-process; every consumer runs in the same host.</summary>
    InMemory,

    /// <summary>RabbitMQ, from <c>ConnectionStrings:RabbitMq</c>.</summary>
    RabbitMq,
}

/// <summary><c>Klachten:Messaging</c>.</summary>
public sealed class MessagingOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Klachten:Messaging";

    /// <summary>The transport.</summary>
    public MessagingTransport Transport { get; set; } = MessagingTransport.InMemory;

    /// <summary>Delivery attempts before a message goes to the error queue.</summary>
    public int RetryLimit { get; set; } = 5;
}

/// <summary>MassTransit set-up shared by the server and the workers: kebab-case queues, retries, confirms, started before serving.</summary>
public static class MessagingExtensions
{
    /// <summary>Adds the bus with the given consumers on the configured transport.</summary>
    public static IHostApplicationBuilder AddKlachtenBus(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> consumers)
    {
        var options = builder.Configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>() ?? new MessagingOptions();
        var rabbit = builder.Configuration.GetConnectionString("RabbitMq");
        if (options.Transport == MessagingTransport.RabbitMq && string.IsNullOrWhiteSpace(rabbit))
        {
            throw new InvalidOperationException("ConnectionStrings:RabbitMq is required when Klachten:Messaging:Transport is RabbitMq.");
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddMassTransit(bus =>
        {
            // MassTransit otherwise reports usage (versions, transports, consumer counts) to its vendor; a public body's
            // server calls out to no one it does not have to. Every host (server and workers) builds its bus here.
            bus.DisableUsageTelemetry();
            bus.SetKebabCaseEndpointNameFormatter();
            consumers(bus);
            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                // Back-off for transient faults (SMTP down, database busy); then the error queue keeps the message.
                endpoint.UseMessageRetry(r => r.Exponential(options.RetryLimit, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500)));
            });
            if (options.Transport == MessagingTransport.RabbitMq)
            {
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(new Uri(rabbit!), h => h.PublisherConfirmation = true);
                    cfg.MessageTopology.SetEntityNameFormatter(new KebabCaseEntityNameFormatter());
                    cfg.SendTopology.ErrorQueueNameFormatter = new KebabCaseErrorQueueNameFormatter();
                    cfg.SendTopology.DeadLetterQueueNameFormatter = new KebabCaseErrorQueueNameFormatter();
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.MessageTopology.SetEntityNameFormatter(new KebabCaseEntityNameFormatter());
                    cfg.SendTopology.ErrorQueueNameFormatter = new KebabCaseErrorQueueNameFormatter();
                    cfg.SendTopology.DeadLetterQueueNameFormatter = new KebabCaseErrorQueueNameFormatter();
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            // Without this a message published right after start can arrive before its queue is bound.
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });
        return builder;
    }
}
