using Klachten.Archive.Tests.Support;
using Klachten.Contracts;

namespace Klachten.Archive.Tests.Consumers;

/// <summary>CaseClosed starts the retention period of the whole dossier, on both providers.</summary>
public abstract class CaseClosingTests(ArchiveDatabaseFixture database) : IAsyncLifetime
{
    private static readonly DateTimeOffset ClosedAt = new(2026, 3, 10, 14, 30, 0, TimeSpan.FromHours(1));

    private ArchiveHost _host = null!;

    public async Task InitializeAsync() => _host = await ArchiveHost.StartAsync(database.Settings());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CaseClosed_Consumed_SetsRetainUntilTwoYearsAfterClosingOnEveryDocument()
    {
        var (complaintId, reference) = (Guid.NewGuid(), Messages.NewReference());
        await ArchiveAsync(Messages.ArchiveDocument(complaintId, reference), Messages.LetterSent(complaintId, reference));

        await CloseAsync(Messages.CaseClosed(complaintId, reference, ClosedAt));

        var documents = await _host.DocumentsAsync(complaintId);
        Assert.Equal(2, documents.Count);
        Assert.All(documents, d => Assert.Equal(new DateOnly(2028, 3, 10), d.RetainUntil));
    }

    [Fact]
    public async Task CaseClosed_Consumed_RecordsTheClosure()
    {
        var (complaintId, reference) = (Guid.NewGuid(), Messages.NewReference());

        await CloseAsync(Messages.CaseClosed(complaintId, reference, ClosedAt, status: "Ingetrokken"));

        var closed = await _host.CaseAsync(complaintId);
        Assert.NotNull(closed);
        Assert.Equal(reference, closed.CaseReference);
        Assert.Equal("Ingetrokken", closed.Status);
        Assert.Equal(ClosedAt, closed.ClosedAt);
        Assert.Equal(new DateOnly(2028, 3, 10), closed.RetainUntil);
    }

    [Fact]
    public async Task CaseClosed_JustAfterMidnightDutchTime_CountsFromTheDutchDate()
    {
        var (complaintId, reference) = (Guid.NewGuid(), Messages.NewReference());

        // 23:30 UTC on 9 March is 00:30 on 10 March in Amsterdam.
        await CloseAsync(Messages.CaseClosed(complaintId, reference, new DateTimeOffset(2026, 3, 9, 23, 30, 0, TimeSpan.Zero)));

        Assert.Equal(new DateOnly(2028, 3, 10), (await _host.CaseAsync(complaintId))?.RetainUntil);
    }

    [Fact]
    public async Task CaseClosed_OfOneCase_LeavesOtherCasesOpen()
    {
        var (closedId, openId) = (Guid.NewGuid(), Guid.NewGuid());
        await ArchiveAsync(Messages.ArchiveDocument(closedId, Messages.NewReference()), Messages.ArchiveDocument(openId, Messages.NewReference()));

        await CloseAsync(Messages.CaseClosed(closedId, "K-2026-9999", ClosedAt));

        Assert.Null(Assert.Single(await _host.DocumentsAsync(openId)).RetainUntil);
        Assert.Null(await _host.CaseAsync(openId));
    }

    [Fact]
    public async Task CaseClosed_DeliveredTwice_ChangesNothingTheSecondTime()
    {
        var (complaintId, reference) = (Guid.NewGuid(), Messages.NewReference());
        var message = Messages.CaseClosed(complaintId, reference, ClosedAt);
        await CloseAsync(message);
        var late = Messages.ArchiveDocument(complaintId, reference);
        await ArchiveAsync(late);

        await _host.PublishAsync(message);
        await _host.Consumed.WaitForAsync<CaseClosed>(m => m.MessageId == message.MessageId, count: 2);

        Assert.Equal(new DateOnly(2028, 3, 10), Assert.Single(await _host.DocumentsAsync(complaintId)).RetainUntil);
        Assert.Equal(1, await _host.QueryAsync(db => Task.FromResult(db.Inbox.Count(m => m.MessageId == message.MessageId))));
    }

    private async Task ArchiveAsync(params object[] messages)
    {
        foreach (var message in messages)
        {
            await _host.PublishAsync(message);
        }

        foreach (var message in messages)
        {
            var id = message is ArchiveDocument a ? a.MessageId : ((LetterSent)message).MessageId;
            await _host.Consumed.WaitForAnnouncementsAsync(id);
        }
    }

    private async Task CloseAsync(CaseClosed message)
    {
        await _host.PublishAsync(message);
        await _host.Consumed.WaitForAsync<CaseClosed>(m => m.MessageId == message.MessageId);
    }
}

public sealed class SqliteCaseClosingTests(SqliteDatabaseFixture database)
    : CaseClosingTests(database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgreSqlCaseClosingTests(PostgreSqlDatabaseFixture database)
    : CaseClosingTests(database), IClassFixture<PostgreSqlDatabaseFixture>;
