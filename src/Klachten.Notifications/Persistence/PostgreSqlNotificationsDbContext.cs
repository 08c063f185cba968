using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Klachten.Notifications.Persistence;

internal sealed class PostgreSqlNotificationsDbContext(DbContextOptions<PostgreSqlNotificationsDbContext> options) : NotificationsDbContext(options)
{
    public const string SchemaName = "notifications";

    protected override string? Schema => SchemaName;

    protected override string TablePrefix => string.Empty;

    // A session advisory lock on its own connection: it lives across the short transactions that record progress,
    // and PostgreSQL drops it when the connection dies, so a crashed consumer never blocks a redelivery.
    public override async Task<IAsyncDisposable> LockMessageAsync(string messageId, CancellationToken cancellationToken)
    {
        var key = BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("klachten.notifications:" + messageId)));
        var connection = new NpgsqlConnection(Database.GetConnectionString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new AdvisoryLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class AdvisoryLock(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", key);
                await command.ExecuteNonQueryAsync();
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
