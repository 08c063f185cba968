using Klachten.Server.Hosting;
using Klachten.ServiceDefaults;

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
