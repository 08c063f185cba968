using Klachten.Contracts;
using Klachten.Notifications.Tests.Support;
using Klachten.Testing;
using Klachten.Testing.Mail;

namespace Klachten.Notifications.Tests.Messaging;

// A workflow's SendEmail through the module's bus set-up, a real SMTP server and the inbox on each provider.
public abstract class SendEmailTests(NotificationsTestDatabase database) : IAsyncLifetime
{
    private SmtpTestServer _smtp = null!;
    private NotificationHost _host = null!;

    public async Task InitializeAsync()
    {
        _smtp = SmtpTestServer.Start();
        _host = await NotificationHost.StartAsync(NotificationHost.Settings(database, _smtp));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task SendEmail_EveryAddressGetsItsOwnMessage_FromTheOrganisation_WithTheReplyTo()
    {
        var email = Email();

        await _host.PublishAsync(email);
        await Eventually.Until(() => Task.FromResult(_host.Recorded.Consumed.Contains(email.MessageId)));

        Assert.Equal(3, _smtp.Messages.Count);
        var toAnna = Assert.Single(_smtp.To("anna@example.nl"));
        Assert.Equal("Uw aanvraag", toAnna.Subject);
        Assert.Equal("Wij hebben uw aanvraag ontvangen.", toAnna.TextBody?.Trim());
        Assert.Equal("aanvragen@integratiewerk.example", Assert.Single(toAnna.ReplyTo.Mailboxes).Address);
        Assert.DoesNotContain("geheim@example.nl", toAnna.Headers.ToString(), StringComparison.Ordinal);
        Assert.Single(_smtp.To("bert@example.nl"));
        Assert.Single(_smtp.To("geheim@example.nl"));
    }

    [Fact]
    public async Task SendEmail_DeliveredTwice_SendsOnce()
    {
        var email = Email();

        await _host.PublishAsync(email);
        await Eventually.Until(() => Task.FromResult(_host.Recorded.Consumed.Contains(email.MessageId)));
        await _host.PublishAsync(email);
        await Eventually.Until(() => Task.FromResult(_host.Recorded.Consumed.Count(id => id == email.MessageId) >= 2));

        Assert.Equal(3, _smtp.Messages.Count);
    }

    private static SendEmail Email() => new(
        "email-" + Guid.NewGuid().ToString("N"), "instance-1", ["anna@example.nl"], ["bert@example.nl"], ["geheim@example.nl"],
        "aanvragen@integratiewerk.example", "Uw aanvraag", "Wij hebben uw aanvraag ontvangen.");
}

public sealed class SqliteSendEmailTests(SqliteDatabase database) : SendEmailTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgreSqlSendEmailTests(PostgreSqlDatabase database) : SendEmailTests(database), IClassFixture<PostgreSqlDatabase>;
