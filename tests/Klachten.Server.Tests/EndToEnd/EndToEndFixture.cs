using Klachten.Server.Tests.Messaging;
using Klachten.Server.Tests.Support;
using Klachten.Testing.Mail;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.EndToEnd;

/// <summary>
/// The whole system of one test class: the server (PostgreSQL, RabbitMQ, manual clock), the real notification and
/// archive services on the same virtual host of the shared broker, and an SMTP server in the test process.
/// </summary>
public sealed class EndToEndFixture : IAsyncLifetime
{
    private RabbitMqVhost? _vhost;
    private TestDatabase? _database;

    internal RabbitMqVhost Vhost => _vhost!;

    internal ServicesHost Services { get; private set; } = null!;

    public SmtpTestServer Smtp { get; private set; } = null!;

    public KlachtenFactory Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        try
        {
            _vhost = await RabbitMqVhost.CreateOnSharedBrokerAsync("e2e");
            Smtp = SmtpTestServer.Start();
            _database = await TestDatabase.CreateAsync(Provider.PostgreSql, nameof(EndToEndFixture));
            Server = new KlachtenFactory(MessagingSettings.For(_database, _vhost.Uri));
            _ = Server.Server;

            // Letters are sent at the server's (manual) clock, as the embedded services do: terms met by a letter count its instant.
            Services = await ServicesHost.StartAsync(_vhost.Uri, _database, Smtp.Port, Server.Services.GetRequiredService<TimeProvider>());
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        await MessagingSettings.DisposeAllAsync(Services, Server, Smtp, _database, _vhost);
        (Services, Server, Smtp, _database, _vhost) = (null!, null!, null!, null, null);
    }
}
