using Klachten.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Faults;

/// <summary>
/// Every SQLite connection of the embedded default - the server's file and the notification and archive services'
/// files - writes ahead to a log that is synced at each commit, so a step the server answered survives a kill -9 or a
/// power cut (see <see cref="EmbeddedCrashTests"/> for the kill).
/// </summary>
public sealed class SqliteDurabilityTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Theory]
    [InlineData("Klachten.Server.Persistence.KlachtenDbContext, Klachten.Server")]
    [InlineData("Klachten.Notifications.Persistence.NotificationsDbContext, Klachten.Notifications")]
    [InlineData("Klachten.Archive.Persistence.ArchiveDbContext, Klachten.Archive")]
    public async Task Connection_OfEachEmbeddedFile_WalWithSynchronousFull(string contextType)
    {
        using var scope = fixture.Factory.Services.CreateScope();
        var db = (DbContext)scope.ServiceProvider.GetRequiredService(Type.GetType(contextType, throwOnError: true)!);
        Assert.True(db.Database.IsSqlite());
        await db.Database.OpenConnectionAsync();
        try
        {
            Assert.Equal(("wal", 2L), (await PragmaAsync<string>(db, "journal_mode"), await PragmaAsync<long>(db, "synchronous")));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<T> PragmaAsync<T>(DbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
