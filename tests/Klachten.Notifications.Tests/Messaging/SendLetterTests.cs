using Klachten.Contracts;
using Klachten.Notifications.Mail;
using Klachten.Notifications.Persistence;
using Klachten.Notifications.Tests.Support;
using Klachten.Testing;
using Klachten.Testing.Mail;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Notifications.Tests.Messaging;

// SendLetter through the module's bus set-up (in-memory transport), a real SMTP server and the inbox on each provider.
public abstract class SendLetterTests(NotificationsTestDatabase database) : IAsyncLifetime
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
    public async Task SendLetter_Consumed_EmailsEveryAddressOnceWithThePdf()
    {
        var letter = Letters.Ontvangstbevestiging();

        await _host.PublishAsync(letter);
        await SentAsync(letter);

        var toComplainant = Assert.Single(_smtp.To(Letters.Complainant));
        var toManager = Assert.Single(_smtp.To(Letters.Manager));
        Assert.Equal("Ontvangstbevestiging van uw klacht (kenmerk K-2026-0007)", toComplainant.Subject);
        Assert.Equal("Ontvangstbevestiging-K-2026-0007.pdf", Assert.Single(toComplainant.Attachments).ContentDisposition?.FileName);
        Assert.Equal(Pdfs.Attachment(toComplainant), Pdfs.Attachment(toManager));
        Assert.Contains("9 december 2026", Pdfs.Text(Pdfs.Attachment(toComplainant)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendLetter_Consumed_PublishesLetterSentWithTheHashAndIdsOfWhatWasSent()
    {
        var letter = Letters.Ontvangstbevestiging();

        await _host.PublishAsync(letter);
        var sent = await SentAsync(letter);

        var pdf = Pdfs.Attachment(Assert.Single(_smtp.To(Letters.Complainant)));
        Assert.Equal(Pdfs.Sha256(pdf), sent.Sha256);
        Assert.Equal(pdf, sent.Pdf);
        Assert.Equal(NotificationHost.Now, sent.SentAt);
        Assert.Equal(letter.MessageId + ":sent", sent.MessageId);
        Assert.Equal(_smtp.Messages.Select(m => m.MessageId).Order(StringComparer.Ordinal), sent.SmtpMessageIds.Order(StringComparer.Ordinal));
        Assert.Equal(["Mr. A. Bakker"], sent.PrintedFor);
    }

    [Fact]
    public async Task SendLetter_DeliveredTwice_SendsOneEmailPerRecipient()
    {
        var letter = Letters.Ontvangstbevestiging();

        await _host.PublishAsync(letter);
        await SentAsync(letter);
        await _host.PublishAsync(letter);
        await ConsumedAsync(letter.MessageId, times: 2);

        Assert.Single(_smtp.To(Letters.Complainant));
        Assert.Single(_smtp.To(Letters.Manager));
        Assert.Single(_host.Recorded.SentFor(letter.MessageId));
    }

    [Fact]
    public async Task SendLetter_DeliveredTwiceAtOnce_SendsOneEmailPerRecipient()
    {
        var letter = Letters.Ontvangstbevestiging();

        await Task.WhenAll(_host.PublishAsync(letter), _host.PublishAsync(letter));
        await ConsumedAsync(letter.MessageId, times: 2);

        Assert.Single(_smtp.To(Letters.Complainant));
        Assert.Single(_smtp.To(Letters.Manager));
    }

    [Fact]
    public async Task SendLetter_UnknownKind_PublishesLetterFailedAndSendsNothing()
    {
        var letter = Letters.Ontvangstbevestiging() with { LetterKind = "Onbekend" };

        await _host.PublishAsync(letter);
        var failed = await FailedAsync(letter);

        Assert.Equal("Onbekend", failed.LetterKind);
        Assert.Contains("Onbekend.liquid", failed.Reason, StringComparison.Ordinal);
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public async Task SendLetter_FailedLetterDeliveredAgain_IsNotReportedTwice()
    {
        var letter = Letters.Ontvangstbevestiging() with { LetterKind = "Onbekend" };

        await _host.PublishAsync(letter);
        await FailedAsync(letter);
        await _host.PublishAsync(letter);
        await ConsumedAsync(letter.MessageId, times: 2);

        Assert.Single(_host.Recorded.FailedFor(letter.MessageId));
    }

    [Fact]
    public async Task SendLetter_NoRecipients_PublishesLetterFailed()
    {
        var letter = Letters.Ontvangstbevestiging() with { Recipients = [] };

        await _host.PublishAsync(letter);

        Assert.Contains("geadresseerden", (await FailedAsync(letter)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendLetter_TransientFailureForSecondRecipient_RetriesWithoutResendingTheFirst()
    {
        _smtp.TransientFailures[Letters.Manager] = 1;
        var letter = Letters.Ontvangstbevestiging();

        await _host.PublishAsync(letter);
        await SentAsync(letter);

        Assert.Single(_smtp.To(Letters.Complainant));
        Assert.Single(_smtp.To(Letters.Manager));
        Assert.Equal(0, _smtp.TransientFailures[Letters.Manager]);
    }

    [Fact]
    public async Task SendLetter_AddressRefused_LetterGoesByPostForThatRecipient()
    {
        _smtp.RefusedAddresses.Add(Letters.Manager);
        var letter = Letters.Ontvangstbevestiging();

        await _host.PublishAsync(letter);
        var sent = await SentAsync(letter);

        Assert.Equal(["Petra de Vries", "Mr. A. Bakker"], sent.PrintedFor);
        Assert.Single(sent.SmtpMessageIds);
        Assert.Single(_smtp.To(Letters.Complainant));
    }

    [Fact]
    public async Task SendLetter_RedeliveredAfterCrashMidway_SendsOnlyTheUnsentEmailsWithTheStoredPdf()
    {
        var letter = Letters.Ontvangstbevestiging();
        var stored = (await Renderers.Letter().RenderAsync(Letters.Of("Besluit", Letters.FullFields()))).Pdf;
        await SeedHalfSentAsync(letter, stored);

        await _host.PublishAsync(letter);
        var sent = await SentAsync(letter);

        Assert.Empty(_smtp.To(Letters.Complainant));
        Assert.Equal(stored, Pdfs.Attachment(Assert.Single(_smtp.To(Letters.Manager))));
        Assert.Equal(Pdfs.Sha256(stored), sent.Sha256);
        Assert.Equal(2, sent.SmtpMessageIds.Count);
    }

    [Fact]
    public async Task SendReminder_Consumed_EmailsEachRecipientWithAnAddress()
    {
        var reminder = Reminder();

        await _host.PublishAsync(reminder);
        await ConsumedAsync(reminder.MessageId, times: 1);

        var message = Assert.Single(_smtp.To(Letters.Manager));
        Assert.Equal("Herinnering: termijn verstreken bij klacht K-2026-0007", message.Subject);
        Assert.Contains("Bevestig de ontvangst van de klacht schriftelijk", message.TextBody, StringComparison.Ordinal);
        Assert.Single(_smtp.To("directeur@integratiewerk.example"));
        Assert.Equal(2, _smtp.Messages.Count);
    }

    [Fact]
    public async Task SendReminder_DeliveredTwice_EmailsOnce()
    {
        var reminder = Reminder();

        await _host.PublishAsync(reminder);
        await ConsumedAsync(reminder.MessageId, times: 1);
        await _host.PublishAsync(reminder);
        await ConsumedAsync(reminder.MessageId, times: 2);

        Assert.Equal(2, _smtp.Messages.Count);
    }

    private static SendReminder Reminder() => new(
        "reminder-" + Guid.NewGuid().ToString("N"),
        Guid.NewGuid(),
        "K-2026-0007",
        "task-1",
        "Bevestig de ontvangst van de klacht schriftelijk",
        [
            new LetterRecipient("leidinggevende", "Petra de Vries", Letters.Manager, null, false),
            new LetterRecipient("directeur", "Dirk Directeur", "directeur@integratiewerk.example", null, false),
            new LetterRecipient("directeur", "Zonder Adres", null, null, false),
        ],
        NotificationHost.Now.AddDays(-1));

    // The state a crash leaves after the complainant's e-mail was handed over and before the manager's was.
    private async Task SeedHalfSentAsync(SendLetter letter, byte[] pdf)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var entry = new InboxMessage
        {
            MessageId = letter.MessageId,
            MessageType = nameof(SendLetter),
            Status = InboxStatus.Sending,
            Pdf = pdf,
            Sha256 = Pdfs.Sha256(pdf),
            Subject = "Ontvangstbevestiging van uw klacht",
            ReceivedAt = NotificationHost.Now.ToUniversalTime(),
        };
        entry.Deliveries.Add(Delivery(letter, 0, DeliveryStatus.Sent));
        entry.Deliveries.Add(Delivery(letter, 1, DeliveryStatus.Pending));
        db.InboxMessages.Add(entry);
        await db.SaveChangesAsync();
    }

    private static InboxDelivery Delivery(SendLetter letter, int position, string status) => new()
    {
        MessageId = letter.MessageId,
        Position = position,
        SmtpMessageId = MessageIds.Email(letter.MessageId, position, "integratiewerk.nl"),
        Status = status,
        SentAt = status == DeliveryStatus.Sent ? NotificationHost.Now.ToUniversalTime() : null,
    };

    private async Task<LetterSent> SentAsync(SendLetter letter) =>
        (await Eventually.Until(() => Task.FromResult(_host.Recorded.SentFor(letter.MessageId)), s => s.Count > 0))[0];

    private async Task<LetterFailed> FailedAsync(SendLetter letter) =>
        (await Eventually.Until(() => Task.FromResult(_host.Recorded.FailedFor(letter.MessageId)), s => s.Count > 0))[0];

    private Task ConsumedAsync(string messageId, int times) =>
        Eventually.Until(() => Task.FromResult(_host.Recorded.Consumed.Count(id => id == messageId) >= times));
}

public sealed class SqliteSendLetterTests(SqliteDatabase database) : SendLetterTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgreSqlSendLetterTests(PostgreSqlDatabase database) : SendLetterTests(database), IClassFixture<PostgreSqlDatabase>;
