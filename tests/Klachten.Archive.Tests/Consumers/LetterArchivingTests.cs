using Klachten.Archive.Tests.Support;
using Klachten.Contracts;

namespace Klachten.Archive.Tests.Consumers;

/// <summary>LetterSent through the bus: the PDF kept exactly as sent, on both providers.</summary>
public abstract class LetterArchivingTests(ArchiveDatabaseFixture database) : IAsyncLifetime
{
    private ArchiveHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = database.Settings();

        // A letter that is refused fails at once instead of after the production back-off.
        settings["Klachten:Messaging:RetryLimit"] = "0";
        _host = await ArchiveHost.StartAsync(settings);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task LetterSent_Consumed_StoresThePdfAsLetterOfItsKind()
    {
        var message = Messages.LetterSent(Guid.NewGuid(), Messages.NewReference(), "Uitnodiging");

        await _host.PublishAsync(message);
        await _host.Consumed.WaitForAsync<LetterSent>(m => m.MessageId == message.MessageId);

        var document = Assert.Single(await _host.DocumentsAsync(message.ComplaintId));
        Assert.Equal(message.Pdf, document.Content);
        Assert.Equal(message.Sha256, document.Sha256);
        Assert.Equal("Brief:Uitnodiging", document.Kind);
        Assert.Equal("application/pdf", document.ContentType);
        Assert.Equal("notificatiedienst", document.Author);
        Assert.Equal(message.SentAt, document.CreatedAt);
        Assert.Equal(message.CaseReference, document.CaseReference);
    }

    [Fact]
    public async Task LetterSent_Consumed_PublishesDocumentArchivedWithThePdfHash()
    {
        var message = Messages.LetterSent(Guid.NewGuid(), Messages.NewReference());

        await _host.PublishAsync(message);

        var announced = Assert.Single(await _host.Consumed.WaitForAnnouncementsAsync(message.MessageId));
        Assert.Equal(message.Sha256, announced.Sha256);
        Assert.Equal("Brief:Ontvangstbevestiging", announced.Kind);
        Assert.Equal(message.ComplaintId, announced.ComplaintId);
    }

    [Fact]
    public async Task LetterSent_DeliveredTwice_StoresOneDocument()
    {
        var message = Messages.LetterSent(Guid.NewGuid(), Messages.NewReference());

        await _host.PublishAsync(message);
        await _host.PublishAsync(message);
        await _host.Consumed.WaitForAsync<LetterSent>(m => m.MessageId == message.MessageId, count: 2);

        Assert.Single(await _host.DocumentsAsync(message.ComplaintId));
    }

    [Fact]
    public async Task LetterSent_PdfNotMatchingItsHash_IsRefusedAndNotStored()
    {
        var message = Messages.LetterSent(Guid.NewGuid(), Messages.NewReference(), sha256: Messages.Sha256([1, 2, 3]));

        await _host.PublishAsync(message);
        await _host.Consumed.WaitForFaultAsync<LetterSent>(m => m.MessageId == message.MessageId);

        Assert.Empty(await _host.DocumentsAsync(message.ComplaintId));
    }

    [Fact]
    public async Task LetterSent_HashInCapitals_IsAccepted()
    {
        var pdf = Messages.Pdf("Besluit");
        var message = Messages.LetterSent(Guid.NewGuid(), Messages.NewReference(), "Besluit", pdf, Messages.Sha256(pdf).ToUpperInvariant());

        await _host.PublishAsync(message);
        await _host.Consumed.WaitForAsync<LetterSent>(m => m.MessageId == message.MessageId);

        Assert.Equal(Messages.Sha256(pdf), Assert.Single(await _host.DocumentsAsync(message.ComplaintId)).Sha256);
    }
}

public sealed class SqliteLetterArchivingTests(SqliteDatabaseFixture database)
    : LetterArchivingTests(database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgreSqlLetterArchivingTests(PostgreSqlDatabaseFixture database)
    : LetterArchivingTests(database), IClassFixture<PostgreSqlDatabaseFixture>;
