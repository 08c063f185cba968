using Klachten.Archive.Tests.Support;
using Klachten.Contracts;

namespace Klachten.Archive.Tests.Consumers;

/// <summary>ArchiveDocument through the bus into the dossier, on both providers.</summary>
public abstract class DocumentArchivingTests(ArchiveDatabaseFixture database) : IAsyncLifetime
{
    private ArchiveHost _host = null!;

    public async Task InitializeAsync() => _host = await ArchiveHost.StartAsync(database.Settings());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ArchiveDocument_Consumed_StoresContentWithAuthorContentTypeAndHash()
    {
        var complaintId = Guid.NewGuid();
        var message = Messages.ArchiveDocument(complaintId, Messages.NewReference(), kind: "Rapportage", author: "medewerker");

        await _host.PublishAsync(message);
        await _host.Consumed.WaitForAsync<ArchiveDocument>(m => m.MessageId == message.MessageId);

        var document = Assert.Single(await _host.DocumentsAsync(complaintId));
        Assert.Equal(message.Content, document.Content);
        Assert.Equal("Rapportage", document.Kind);
        Assert.Equal("text/markdown", document.ContentType);
        Assert.Equal("medewerker", document.Author);
        Assert.Equal(message.CaseReference, document.CaseReference);
        Assert.Equal(Messages.Sha256(message.Content), document.Sha256);
        Assert.Equal(message.Content.Length, document.Size);
        Assert.Equal(message.CreatedAt, document.CreatedAt);
        Assert.Equal(message.MessageId, document.SourceMessageId);
        Assert.Null(document.RetainUntil);
    }

    [Fact]
    public async Task ArchiveDocument_Consumed_PublishesDocumentArchived()
    {
        var message = Messages.ArchiveDocument(Guid.NewGuid(), Messages.NewReference());

        await _host.PublishAsync(message);

        var announced = Assert.Single(await _host.Consumed.WaitForAnnouncementsAsync(message.MessageId));
        var document = Assert.Single(await _host.DocumentsAsync(message.ComplaintId));
        Assert.Equal(document.Id, announced.DocumentId);
        Assert.Equal(message.ComplaintId, announced.ComplaintId);
        Assert.Equal(message.CaseReference, announced.CaseReference);
        Assert.Equal("Advies", announced.Kind);
        Assert.Equal(Messages.Sha256(message.Content), announced.Sha256);
        Assert.Null(announced.RetainUntil);
    }

    [Fact]
    public async Task ArchiveDocument_DeliveredTwice_StoresOneDocument()
    {
        var message = Messages.ArchiveDocument(Guid.NewGuid(), Messages.NewReference());

        await _host.PublishAsync(message);
        await _host.PublishAsync(message);
        await _host.Consumed.WaitForAsync<ArchiveDocument>(m => m.MessageId == message.MessageId, count: 2);

        Assert.Single(await _host.DocumentsAsync(message.ComplaintId));
    }

    [Fact]
    public async Task ArchiveDocument_DeliveredTwice_AnnouncesTheSameDocumentWithTheSameId()
    {
        var message = Messages.ArchiveDocument(Guid.NewGuid(), Messages.NewReference());

        await _host.PublishAsync(message);
        await _host.PublishAsync(message);
        var announced = await _host.Consumed.WaitForAnnouncementsAsync(message.MessageId, count: 2);

        Assert.Single(announced.Select(a => (a.MessageId, a.DocumentId)).Distinct());
    }

    [Fact]
    public async Task ArchiveDocument_ForClosedCase_GetsRetainUntilOfTheCase()
    {
        var complaintId = Guid.NewGuid();
        var reference = Messages.NewReference();
        var closed = Messages.CaseClosed(complaintId, reference, new DateTimeOffset(2026, 3, 9, 16, 0, 0, TimeSpan.FromHours(1)));
        await _host.PublishAsync(closed);
        await _host.Consumed.WaitForAsync<CaseClosed>(m => m.MessageId == closed.MessageId);
        var late = Messages.ArchiveDocument(complaintId, reference, kind: "Besluit", author: "directeur");

        await _host.PublishAsync(late);
        var announced = Assert.Single(await _host.Consumed.WaitForAnnouncementsAsync(late.MessageId));

        Assert.Equal(new DateOnly(2028, 3, 9), Assert.Single(await _host.DocumentsAsync(complaintId)).RetainUntil);
        Assert.Equal(new DateOnly(2028, 3, 9), announced.RetainUntil);
    }
}

public sealed class SqliteDocumentArchivingTests(SqliteDatabaseFixture database)
    : DocumentArchivingTests(database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgreSqlDocumentArchivingTests(PostgreSqlDatabaseFixture database)
    : DocumentArchivingTests(database), IClassFixture<PostgreSqlDatabaseFixture>;
