using Klachten.Archive.Tests.Support;
using Klachten.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Archive.Tests.Persistence;

/// <summary>
/// Competing consumers: the same message handled by several replicas at the same moment. The case lock (PostgreSQL
/// advisory lock, SQLite's write lock) lets one store it; the others find its inbox row and store nothing.
/// </summary>
public abstract class DossierConcurrencyTests(ArchiveDatabaseFixture database) : IAsyncLifetime
{
    private const string Inbox = "archive-document";

    private ArchiveHost _host = null!;

    public async Task InitializeAsync() => _host = await ArchiveHost.StartAsync(database.Settings());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Store_SameMessageSixteenTimesAtOnce_StoresOneDocumentAndFailsNone()
    {
        // Warm up, so the sixteen really overlap instead of queueing behind the first model build.
        var warm = new TaskCompletionSource();
        warm.SetResult();
        await StoreAsync(ToDocument(Messages.ArchiveDocument(Guid.NewGuid(), Messages.NewReference())), warm);
        var message = Messages.ArchiveDocument(Guid.NewGuid(), Messages.NewReference());
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var running = Enumerable.Range(0, 16).Select(_ => Task.Run(() => StoreAsync(ToDocument(message), start))).ToList();
        start.SetResult();
        var results = await Task.WhenAll(running);

        Assert.Single(await _host.DocumentsAsync(message.ComplaintId));
        Assert.Single(results, r => !r.Duplicate);
        Assert.Single(results.Select(r => r.Document?.Id).Distinct());
    }

    [Fact]
    public async Task StoreAndClose_SameCaseAtOnce_DocumentAlwaysGetsItsRetentionDate()
    {
        var cases = Enumerable.Range(0, 10).Select(_ => (Id: Guid.NewGuid(), Reference: Messages.NewReference())).ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var running = cases.SelectMany(c => new[]
        {
            Task.Run(() => StoreAsync(ToDocument(Messages.ArchiveDocument(c.Id, c.Reference)), start)),
            Task.Run(() => CloseAsync(Messages.CaseClosed(c.Id, c.Reference, ArchiveHost.Start), start)),
        }).ToList();
        start.SetResult();
        await Task.WhenAll(running);

        foreach (var (id, _) in cases)
        {
            Assert.NotNull(Assert.Single(await _host.DocumentsAsync(id)).RetainUntil);
        }
    }

    private static NewDocument ToDocument(ArchiveDocument m) =>
        new(m.MessageId, m.ComplaintId, m.CaseReference, m.Kind, m.ContentType, m.Author, m.Content, m.CreatedAt);

    private async Task<StoreResult> StoreAsync(NewDocument document, TaskCompletionSource start)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var dossier = scope.ServiceProvider.GetRequiredService<Dossier>();
        if (!start.Task.IsCompleted)
        {
            await start.Task;
        }

        return await dossier.StoreAsync(Inbox, document, CancellationToken.None);
    }

    private async Task CloseAsync(CaseClosed message, TaskCompletionSource start)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var dossier = scope.ServiceProvider.GetRequiredService<Dossier>();
        await start.Task;
        await dossier.CloseCaseAsync("archive-case-closed", message, CancellationToken.None);
    }
}

public sealed class SqliteDossierConcurrencyTests(SqliteDatabaseFixture database)
    : DossierConcurrencyTests(database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgreSqlDossierConcurrencyTests(PostgreSqlDatabaseFixture database)
    : DossierConcurrencyTests(database), IClassFixture<PostgreSqlDatabaseFixture>;
