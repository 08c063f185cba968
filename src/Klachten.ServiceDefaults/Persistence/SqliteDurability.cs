using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Klachten.ServiceDefaults.Persistence;

/// <summary>
/// SQLite settings chosen for durability, for the server's file and the embedded services' files alike: a write-ahead
/// log (readers keep working while a step commits) with <c>synchronous=FULL</c>, so a commit is synced to disk before
/// it is answered and neither a kill -9 nor a power cut loses a step the server acknowledged. The journal mode is
/// stored in the file, but <c>synchronous</c> belongs to the connection and Microsoft.Data.Sqlite has no connection
/// string keyword for it, so both are set whenever a connection opens.
/// </summary>
public sealed class SqliteDurability : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;";

    private SqliteDurability()
    {
    }

    /// <summary>The one instance (the interceptor holds no state).</summary>
    public static SqliteDurability Instance { get; } = new();

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Applies <see cref="SqliteDurability"/>.</summary>
public static class SqliteDurabilityExtensions
{
    /// <summary>Adds the durability settings to a SQLite context's connections.</summary>
    public static DbContextOptionsBuilder WithSqliteDurability(this DbContextOptionsBuilder builder) => builder.AddInterceptors(SqliteDurability.Instance);
}
