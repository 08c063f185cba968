using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Klachten.ServiceDefaults.Persistence;

/// <summary>How a database's migration history compares with the migrations this build carries.</summary>
/// <param name="Pending">Migrations of this build not yet applied.</param>
/// <param name="Unknown">Applied migrations this build does not carry.</param>
/// <param name="BaselineApplied">Whether this build's first migration (its baseline) is applied.</param>
public sealed record MigrationState(IReadOnlyList<string> Pending, IReadOnlyList<string> Unknown, bool BaselineApplied)
{
    /// <summary>
    /// A database made by migrations that were squashed away since: its history names steps this build lacks while
    /// the baseline that replaced them is missing. Migrating it would fail half-way on tables that already exist.
    /// (Unknown ids after an applied baseline are a newer build's steps, harmless to an older replica.)
    /// </summary>
    public bool IsStale => Unknown.Count > 0 && !BaselineApplied;

    /// <summary>Reads the history table (none yet: nothing applied) and the build's migrations.</summary>
    public static async Task<MigrationState> ReadAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        var known = database.GetMigrations().ToList();
        var applied = (await database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        return new MigrationState(
            [.. known.Except(applied, StringComparer.Ordinal)],
            [.. applied.Except(known, StringComparer.Ordinal)],
            known.Count > 0 && applied.Contains(known[0], StringComparer.Ordinal));
    }

    /// <summary>The operator's instruction for a stale database.</summary>
    public string StaleMessage(string name) =>
        $"The {name} database was created by migrations that no longer exist ({string.Join(", ", Unknown)}); they were squashed into one "
        + "baseline before the first release. Recreate the database (drop it, or delete the SQLite file) and run --migrate again.";

    /// <summary>Throws <see cref="StaleDatabaseException"/> when <see cref="IsStale"/>.</summary>
    public void ThrowIfStale(string name)
    {
        if (IsStale)
        {
            throw new StaleDatabaseException(StaleMessage(name));
        }
    }
}

/// <summary>The database has to be recreated before this build can use it; the hosts print the message as one line.</summary>
public sealed class StaleDatabaseException(string message) : InvalidOperationException(message);
