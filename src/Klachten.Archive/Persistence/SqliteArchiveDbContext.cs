using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Klachten.Archive.Persistence;

internal sealed class SqliteArchiveDbContext(DbContextOptions<SqliteArchiveDbContext> options) : ArchiveDbContext(options)
{
    protected override string? Schema => null;

    protected override string TablePrefix => "archive_";

    // Microsoft.Data.Sqlite begins transactions IMMEDIATE: the write lock is held from the start.
    public override Task LockCaseAsync(Guid complaintId, CancellationToken cancellationToken) => Task.CompletedTask;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order DateTimeOffset text; a sortable integer instead (always UTC), as in the server's tables.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
