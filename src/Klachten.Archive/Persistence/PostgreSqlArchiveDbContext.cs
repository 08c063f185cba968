using System.Buffers.Binary;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Archive.Persistence;

internal sealed class PostgreSqlArchiveDbContext(DbContextOptions<PostgreSqlArchiveDbContext> options) : ArchiveDbContext(options)
{
    public const string SchemaName = "archive";

    // Namespace of the archive's advisory locks (the first key of the two-key form), "ARCH" in ASCII.
    private const int LockNamespace = 0x41524348;

    protected override string? Schema => SchemaName;

    protected override string TablePrefix => "";

    public override Task LockCaseAsync(Guid complaintId, CancellationToken cancellationToken)
    {
        // Released at commit or rollback; two cases colliding on the key only wait for each other.
        var key = CaseKey(complaintId);
        return Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockNamespace}, {key})", cancellationToken);
    }

    // Stable across processes and runtimes (Guid.GetHashCode promises neither).
    private static int CaseKey(Guid complaintId)
    {
        Span<byte> bytes = stackalloc byte[16];
        complaintId.TryWriteBytes(bytes);
        var key = 0;
        for (var i = 0; i < bytes.Length; i += 4)
        {
            key ^= BinaryPrimitives.ReadInt32LittleEndian(bytes[i..]);
        }

        return key;
    }
}
