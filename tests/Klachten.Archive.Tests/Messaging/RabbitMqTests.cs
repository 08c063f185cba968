using Klachten.Archive.Tests.Support;
using Klachten.Contracts;
using Klachten.Testing;

namespace Klachten.Archive.Tests.Messaging;

/// <summary>
/// End to end over a real RabbitMQ (KLACHTEN_TEST_RABBITMQ): the archive's own queues, publisher confirms, JSON on the
/// wire. Each host has its own queue names, but events fan out to every host on the broker (another test class's
/// archive stores and announces its own copy), so assertions are per complaint and per stored document.
/// </summary>
public abstract class RabbitMqTests(ArchiveDatabaseFixture database) : IAsyncLifetime
{
    private ArchiveHost _host = null!;

    public async Task InitializeAsync() => _host = await ArchiveHost.StartAsync(database.Settings(), await RabbitMqServer.GetUriAsync());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task LetterSent_OverRabbitMq_StoresThePdfWithItsHashAndAnnouncesIt()
    {
        var message = Messages.LetterSent(Guid.NewGuid(), Messages.NewReference(), "Klachtbehandeling");

        await _host.PublishAsync(message);

        await _host.Consumed.WaitForAsync<LetterSent>(m => m.MessageId == message.MessageId);
        var document = Assert.Single(await _host.DocumentsAsync(message.ComplaintId));

        // Other test classes' archives on this broker get the same event and announce their own copy.
        var announced = (await _host.Consumed.WaitForAsync<DocumentArchived>(a => a.DocumentId == document.Id)).First();
        Assert.Equal(message.Pdf, document.Content);
        Assert.Equal(Messages.Sha256(message.Pdf), document.Sha256);
        Assert.Equal(document.Sha256, announced.Sha256);
        Assert.Equal(message.MessageId, announced.SourceMessageId);
        Assert.Equal("Brief:Klachtbehandeling", announced.Kind);
    }

    [Fact]
    public async Task LetterSent_DeliveredTwiceOverRabbitMq_StoresOneDocument()
    {
        var message = Messages.LetterSent(Guid.NewGuid(), Messages.NewReference());

        await _host.PublishAsync(message);
        await _host.PublishAsync(message);
        await _host.Consumed.WaitForAsync<LetterSent>(m => m.MessageId == message.MessageId, count: 2);

        Assert.Single(await _host.DocumentsAsync(message.ComplaintId));
    }

    [Fact]
    public async Task CaseClosed_OverRabbitMq_DatesTheDossier()
    {
        var (complaintId, reference) = (Guid.NewGuid(), Messages.NewReference());
        var document = Messages.ArchiveDocument(complaintId, reference, kind: "Besluit", author: "directeur");
        await _host.PublishAsync(document);
        await _host.Consumed.WaitForAnnouncementsAsync(document.MessageId);
        var closed = Messages.CaseClosed(complaintId, reference, new DateTimeOffset(2026, 3, 10, 14, 30, 0, TimeSpan.FromHours(1)));

        await _host.PublishAsync(closed);
        await _host.Consumed.WaitForAsync<CaseClosed>(m => m.MessageId == closed.MessageId);

        Assert.Equal(new DateOnly(2028, 3, 10), Assert.Single(await _host.DocumentsAsync(complaintId)).RetainUntil);
    }
}

public sealed class SqliteRabbitMqTests(SqliteDatabaseFixture database)
    : RabbitMqTests(database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgreSqlRabbitMqTests(PostgreSqlDatabaseFixture database)
    : RabbitMqTests(database), IClassFixture<PostgreSqlDatabaseFixture>;
