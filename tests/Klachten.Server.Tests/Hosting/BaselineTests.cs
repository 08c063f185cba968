using Klachten.Server.Persistence;
using Klachten.Server.Tests.Support;
using Klachten.ServiceDefaults.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Klachten.Server.Tests.Hosting;

/// <summary>One baseline per provider that matches the model; a database made by the squashed steps is refused.</summary>
public sealed class BaselineTests
{
    // The first of the nine steps the baseline replaced.
    private const string SquashedStep = "20261125173137_Initial";

    [Fact]
    public void Sqlite_Model_HasNoChangesWithoutAMigration()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void PostgreSql_Model_HasNoChangesWithoutAMigration()
    {
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task Migrate_DatabaseFromSquashedSteps_FailsAskingToRecreateIt(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, "stale");
        await using (var db = Open(provider, database.ConnectionString))
        {
            var migrator = new DatabaseMigrator<KlachtenDbContext>(db, PersistenceExtensions.Profile, NullLogger<DatabaseMigrator<KlachtenDbContext>>.Instance);
            await migrator.MigrateAsync(CancellationToken.None);

            // The history as the old steps left it: their ids, not the baseline's.
            await db.Database.ExecuteSqlRawAsync("DELETE FROM __ef_migrations_history");
            await db.Database.ExecuteSqlRawAsync($"INSERT INTO __ef_migrations_history VALUES ('{SquashedStep}', '10.0.0')");

            var error = await Assert.ThrowsAsync<StaleDatabaseException>(() => migrator.MigrateAsync(CancellationToken.None));
            Assert.Contains(SquashedStep, error.Message, StringComparison.Ordinal);
            Assert.Contains("Recreate the database", error.Message, StringComparison.Ordinal);
        }

        var result = await ServerProcess.RunAsync(["--migrate"], database.Settings(), environment: "Production");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot start: The server database was created by migrations that no longer exist", result.Output, StringComparison.Ordinal);
    }

    private static KlachtenDbContext Open(Provider provider, string connectionString)
    {
        if (provider == Provider.Sqlite)
        {
            var sqlite = new DbContextOptionsBuilder<SqliteKlachtenDbContext>();
            PersistenceExtensions.Profile.Configure(sqlite, DatabaseProvider.Sqlite, connectionString);
            return new SqliteKlachtenDbContext(sqlite.Options);
        }

        var postgreSql = new DbContextOptionsBuilder<PostgreSqlKlachtenDbContext>();
        PersistenceExtensions.Profile.Configure(postgreSql, DatabaseProvider.PostgreSql, connectionString);
        return new PostgreSqlKlachtenDbContext(postgreSql.Options);
    }
}
