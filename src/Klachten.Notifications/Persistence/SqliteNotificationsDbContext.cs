using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Klachten.Notifications.Persistence;

internal sealed class SqliteNotificationsDbContext(DbContextOptions<SqliteNotificationsDbContext> options) : NotificationsDbContext(options)
{
    public const string Prefix = "notifications_";

    // SQLite is the embedded, single-process set-up: an in-process lock per message id suffices. Striped, so the
    // table of locks stays small; two ids on one stripe merely wait for each other.
    private static readonly SemaphoreSlim[] Stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    protected override string? Schema => null;

    protected override string TablePrefix => Prefix;

    public override async Task<IAsyncDisposable> LockMessageAsync(string messageId, CancellationToken cancellationToken)
    {
        var stripe = Stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(messageId) % Stripes.Length)];
        await stripe.WaitAsync(cancellationToken);
        return new Release(stripe);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset text; stored as a sortable integer instead (always UTC).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    private sealed class Release(SemaphoreSlim stripe) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            stripe.Release();
            return ValueTask.CompletedTask;
        }
    }
}
