using Klachten.Notifications.Messaging;
using Klachten.Notifications.Tests.Support;
using Klachten.Testing;
using Klachten.Testing.Mail;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Klachten.Notifications.Tests.Messaging;

// The module on RabbitMQ (KLACHTEN_TEST_RABBITMQ) as the worker runs it. The broker may be shared with other test
// runs, so this test's queues carry their own prefix, its command queue is not bound to the shared SendLetter
// exchange (the command is sent to that queue), and only LetterSent/LetterFailed for its own letter count.
public sealed class RabbitMqEndToEndTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task SendLetter_OverRabbitMq_EmailsThePdfOnceAndPublishesLetterSentWithItsHash()
    {
        var uri = await RabbitMqServer.GetUriAsync();
        await using var smtp = SmtpTestServer.Start();
        var formatter = new KebabCaseEndpointNameFormatter("t" + Guid.NewGuid().ToString("N")[..10], false);
        var settings = NotificationHost.Settings(database, smtp);
        settings["Klachten:Messaging:Transport"] = "RabbitMq";
        settings["ConnectionStrings:RabbitMq"] = uri.ToString();
        await using var host = await NotificationHost.StartAsync(settings, bus => Isolate(bus, formatter),
            services => services.Replace(ServiceDescriptor.Singleton<IEndpointNameFormatter>(formatter)));
        var letter = Letters.Ontvangstbevestiging();

        var queue = await host.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"queue:{formatter.Consumer<SendLetterConsumer>()}?autodelete=true"));
        await queue.Send(letter);
        var sent = await Eventually.Until(() => Task.FromResult(host.Recorded.SentFor(letter.MessageId)), s => s.Count > 0, TimeSpan.FromSeconds(30));

        var pdf = Pdfs.Attachment(Assert.Single(smtp.To(Letters.Complainant)));
        var text = Pdfs.Text(pdf);
        Assert.Contains("K-2026-0007", text, StringComparison.Ordinal);
        Assert.Contains("9 december 2026", text, StringComparison.Ordinal);
        Assert.Equal(Pdfs.Sha256(pdf), Assert.Single(sent).Sha256);
    }

    // AddKlachtenBus sets the kebab-case formatter; the test's prefixed one replaces that registration.
    private static void Isolate(IBusRegistrationConfigurator bus, KebabCaseEndpointNameFormatter formatter)
    {
        var recorder = formatter.Consumer<RecordingConsumer>();
        bus.AddConfigureEndpointsCallback((_, name, endpoint) =>
        {
            if (name != recorder)
            {
                endpoint.ConfigureConsumeTopology = false;
            }

            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.AutoDelete = true;
            }
        });
    }
}
