using Klachten.Notifications.Tests.Support;
using Klachten.Testing;
using Klachten.Testing.Mail;
using MimeKit;

namespace Klachten.Notifications.Tests.Messaging;

// How e-mail leaves: the pickup folder of the embedded default, and an SMTP server that stays away.
public sealed class DeliveryModeTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task SendLetter_PickupDirectorySet_WritesOneEmlPerAddressInsteadOfSmtp()
    {
        var pickup = Directory.CreateTempSubdirectory("klachten-pickup-");
        try
        {
            var settings = NotificationHost.Settings(database, smtp: null);
            settings["Klachten:Notifications:PickupDirectory"] = pickup.FullName;
            await using var host = await NotificationHost.StartAsync(settings);
            var letter = Letters.Ontvangstbevestiging();

            await host.PublishAsync(letter);
            var sent = await Eventually.Until(() => Task.FromResult(host.Recorded.SentFor(letter.MessageId)), s => s.Count > 0);

            var files = pickup.GetFiles("*.eml");
            Assert.Equal(2, files.Length);
            var messages = await Task.WhenAll(files.Select(f => MimeMessage.LoadAsync(f.FullName)));
            var message = Assert.Single(messages, m => m.To.Mailboxes.Single().Address == Letters.Complainant);
            Assert.Equal(sent[0].Sha256, Pdfs.Sha256(Pdfs.Attachment(message)));
        }
        finally
        {
            pickup.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task SendLetter_SmtpUnreachableOnEveryRetry_PublishesLetterFailed()
    {
        // No server listens on this port: every attempt is refused, a transient fault the bus retries.
        await using var host = await NotificationHost.StartAsync(NotificationHost.Settings(database, smtp: null));
        var letter = Letters.Ontvangstbevestiging();

        await host.PublishAsync(letter);
        var failed = await Eventually.Until(() => Task.FromResult(host.Recorded.FailedFor(letter.MessageId)), f => f.Count > 0, TimeSpan.FromSeconds(30));

        Assert.Contains("0 van 2 e-mails", failed[0].Reason, StringComparison.Ordinal);
        Assert.Equal(letter.MessageId + ":failed", failed[0].MessageId);
    }
}
