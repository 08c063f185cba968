using Klachten.Archive.Tests.Support;
using Klachten.Contracts;
using Klachten.Testing;

namespace Klachten.Archive.Tests.Retention;

/// <summary>The retention job on a fake clock: expired closed dossiers go, everything else stays. Both providers.</summary>
public abstract class RetentionJobTests(ArchiveDatabaseFixture database) : IAsyncLifetime
{
    // Closed on 10 March 2026 (Amsterdam): kept through 10 March 2028, deleted from 11 March 2028.
    private static readonly DateTimeOffset ClosedAt = new(2026, 3, 10, 14, 30, 0, TimeSpan.FromHours(1));
    private static readonly DateTimeOffset LastRetainedDay = new(2028, 3, 10, 23, 0, 0, TimeSpan.FromHours(1));
    private static readonly DateTimeOffset DayAfter = new(2028, 3, 11, 0, 30, 0, TimeSpan.FromHours(1));

    private ArchiveHost _host = null!;

    public async Task InitializeAsync() => _host = await ArchiveHost.StartAsync(database.Settings());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RunOnce_DayAfterRetainUntil_DeletesTheClosedDossier()
    {
        var (complaintId, reference) = await ClosedCaseWithDocumentsAsync();
        await StopBackgroundRunsAsync();
        _host.Clock.SetUtcNow(DayAfter);

        var result = await _host.RetentionJob.RunOnceAsync(CancellationToken.None);

        Assert.Empty(await _host.DocumentsAsync(complaintId));
        Assert.Null(await _host.CaseAsync(complaintId));
        // Earlier tests of this class may have left expired dossiers in the shared database.
        Assert.Contains(reference, result.CaseReferences);
        Assert.InRange(result.Documents, 2, int.MaxValue);
    }

    [Fact]
    public async Task RunOnce_OnTheLastRetainedDay_KeepsTheClosedDossier()
    {
        var (complaintId, _) = await ClosedCaseWithDocumentsAsync();
        await StopBackgroundRunsAsync();
        _host.Clock.SetUtcNow(LastRetainedDay);

        await _host.RetentionJob.RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, (await _host.DocumentsAsync(complaintId)).Count);
        Assert.NotNull(await _host.CaseAsync(complaintId));
    }

    [Fact]
    public async Task RunOnce_YearsLater_LeavesOpenCasesAlone()
    {
        var (complaintId, reference) = (Guid.NewGuid(), Messages.NewReference());
        await ArchiveAsync(Messages.ArchiveDocument(complaintId, reference));
        await StopBackgroundRunsAsync();
        _host.Clock.SetUtcNow(DayAfter.AddYears(10));

        await _host.RetentionJob.RunOnceAsync(CancellationToken.None);

        Assert.Single(await _host.DocumentsAsync(complaintId));
    }

    [Fact]
    public async Task RunOnce_ExpiredNextToRecentlyClosedCase_DeletesOnlyTheExpiredDossier()
    {
        var (expiredId, _) = await ClosedCaseWithDocumentsAsync();
        _host.Clock.SetUtcNow(ClosedAt.AddYears(1));
        var (recentId, _) = await ClosedCaseWithDocumentsAsync(ClosedAt.AddYears(1));
        await StopBackgroundRunsAsync();
        _host.Clock.SetUtcNow(DayAfter);

        await _host.RetentionJob.RunOnceAsync(CancellationToken.None);

        Assert.Empty(await _host.DocumentsAsync(expiredId));
        Assert.Equal(2, (await _host.DocumentsAsync(recentId)).Count);
    }

    [Fact]
    public async Task BackgroundJob_ClockPastRetainUntil_DeletesWithoutBeingCalled()
    {
        var (complaintId, _) = await ClosedCaseWithDocumentsAsync();

        // The loop waits one interval (a day) on the injected clock; moving the clock ends the wait.
        _host.Clock.SetUtcNow(DayAfter);

        await Eventually.Until(async () => (await _host.DocumentsAsync(complaintId)).Count == 0);
        Assert.Null(await _host.CaseAsync(complaintId));
    }

    private async Task<(Guid ComplaintId, string Reference)> ClosedCaseWithDocumentsAsync(DateTimeOffset? closedAt = null)
    {
        var (complaintId, reference) = (Guid.NewGuid(), Messages.NewReference());
        await ArchiveAsync(Messages.ArchiveDocument(complaintId, reference));
        await ArchiveAsync(Messages.LetterSent(complaintId, reference));
        var closed = Messages.CaseClosed(complaintId, reference, closedAt ?? ClosedAt);
        await _host.PublishAsync(closed);
        await _host.Consumed.WaitForAsync<CaseClosed>(m => m.MessageId == closed.MessageId);
        return (complaintId, reference);
    }

    private async Task ArchiveAsync(object message)
    {
        await _host.PublishAsync(message);
        var id = message is ArchiveDocument a ? a.MessageId : ((LetterSent)message).MessageId;
        await _host.Consumed.WaitForAnnouncementsAsync(id);
    }

    // So the test's own run is the only one and its result can be asserted.
    private Task StopBackgroundRunsAsync() => _host.RetentionJob.StopAsync(CancellationToken.None);
}

public sealed class SqliteRetentionJobTests(SqliteDatabaseFixture database)
    : RetentionJobTests(database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgreSqlRetentionJobTests(PostgreSqlDatabaseFixture database)
    : RetentionJobTests(database), IClassFixture<PostgreSqlDatabaseFixture>;
