using Klachten.Notifications.Persistence;
using Klachten.Notifications.Tests.Support;
using Klachten.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Notifications.Tests.Persistence;

// The service's own tables: schema 'notifications' on PostgreSQL, 'notifications_' tables on SQLite.
public abstract class InboxDatabaseTests(NotificationsTestDatabase database) : IAsyncLifetime
{
    private NotificationHost _host = null!;

    protected abstract string TablesQuery { get; }

    public async Task InitializeAsync() => _host = await NotificationHost.StartAsync(NotificationHost.Settings(database, smtp: null));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Migrate_Applied_CreatesTheInboxTablesApartFromOtherServices()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();

        var tables = await db.Database.SqlQueryRaw<string>(TablesQuery).ToListAsync();

        Assert.Equal(["ef_migrations_history", "inbox_deliveries", "inbox_messages"], tables.Select(Strip).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Migrate_RunAgain_ChangesNothing()
    {
        await _host.Services.MigrateNotificationsDatabaseAsync();

        await using var scope = _host.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Inbox_Entry_KeepsItsDeliveriesAndInstants()
    {
        var id = "letter-" + Guid.NewGuid().ToString("N");
        var at = new DateTimeOffset(2026, 12, 9, 23, 0, 0, TimeSpan.Zero);
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            var entry = new InboxMessage { MessageId = id, MessageType = "SendLetter", Status = InboxStatus.Sending, Pdf = [1, 2, 3], ReceivedAt = at };
            entry.Deliveries.Add(new InboxDelivery { MessageId = id, Position = 2, SmtpMessageId = "x@y", Status = DeliveryStatus.Sent, SentAt = at });
            db.InboxMessages.Add(entry);
            await db.SaveChangesAsync();
        }

        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var read = await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().InboxMessages.Include(m => m.Deliveries).SingleAsync(m => m.MessageId == id);
            Assert.Equal(at, read.ReceivedAt);
            Assert.Equal([1, 2, 3], read.Pdf);
            Assert.Equal((2, DeliveryStatus.Sent, (DateTimeOffset?)at), (read.Deliveries[0].Position, read.Deliveries[0].Status, read.Deliveries[0].SentAt));
        }
    }

    [Fact]
    public async Task LockMessage_HeldByOne_WaitsForItsRelease()
    {
        var id = "letter-" + Guid.NewGuid().ToString("N");
        await using var first = _host.Services.CreateAsyncScope();
        await using var second = _host.Services.CreateAsyncScope();
        var held = await first.ServiceProvider.GetRequiredService<NotificationsDbContext>().LockMessageAsync(id, CancellationToken.None);

        var waiting = second.ServiceProvider.GetRequiredService<NotificationsDbContext>().LockMessageAsync(id, CancellationToken.None);

        // Blocked on the lock itself (not merely still opening its connection), and only until the holder lets go.
        await WaitUntilBlockedAsync();
        Assert.False(waiting.IsCompleted, "The second caller got the lock while the first still held it.");
        await held.DisposeAsync();
        await (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).DisposeAsync();
    }

    /// <summary>Returns once a second caller is known to wait on the lock; fails when none ever does.</summary>
    protected abstract Task WaitUntilBlockedAsync();

    /// <summary>The service provider of the running notification host.</summary>
    protected IServiceProvider Services => _host.Services;

    private static string Strip(string table) => table.Replace("notifications_", string.Empty, StringComparison.Ordinal).TrimStart('_');
}

public sealed class SqliteInboxDatabaseTests(SqliteDatabase database) : InboxDatabaseTests(database), IClassFixture<SqliteDatabase>
{
    // EF's __EFMigrationsLock is its own lock table, shared with the server when they share a file.
    protected override string TablesQuery =>
        "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsLock'";

    // The in-process lock is a semaphore: a waiter's task is incomplete from the call on.
    protected override Task WaitUntilBlockedAsync() => Task.CompletedTask;
}

public sealed class PostgreSqlInboxDatabaseTests(PostgreSqlDatabase database) : InboxDatabaseTests(database), IClassFixture<PostgreSqlDatabase>
{
    protected override string TablesQuery =>
        "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'notifications'";

    // Positive evidence from the server: an advisory lock request in this database that is not granted.
    protected override async Task WaitUntilBlockedAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        // A time-out here means no caller ever waited on the advisory lock.
        await Eventually.Until(async () => await db.Database.SqlQueryRaw<int>(
            "SELECT count(*)::int AS \"Value\" FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
            .SingleAsync() > 0, TimeSpan.FromSeconds(10));
    }
}
