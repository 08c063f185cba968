using Klachten.Archive.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Archive.Tests.Persistence;

/// <summary>The archive's own tables, apart from the server's, created by the generated migrations.</summary>
public abstract class SchemaTests(ArchiveDatabaseFixture database) : IAsyncLifetime
{
    private ArchiveHost _host = null!;

    public async Task InitializeAsync() => _host = await ArchiveHost.StartAsync(database.Settings());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    protected abstract string TablesQuery { get; }

    protected abstract string[] ExpectedTables { get; }

    [Fact]
    public async Task Migrate_InDevelopment_CreatesTheArchiveTablesApartFromTheServer()
    {
        var tables = await _host.QueryAsync(db => db.Database.SqlQueryRaw<string>(TablesQuery).ToListAsync());

        Assert.Equal(ExpectedTables, tables.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Model_Current_HasNoChangesWithoutAMigration()
    {
        var pending = await _host.QueryAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));

        Assert.False(pending);
    }
}

public sealed class SqliteSchemaTests(SqliteDatabaseFixture database) : SchemaTests(database), IClassFixture<SqliteDatabaseFixture>
{
    protected override string TablesQuery => "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name LIKE '%archive%'";

    protected override string[] ExpectedTables => ["__archive_migrations_history", "archive_cases", "archive_documents", "archive_inbox"];
}

public sealed class PostgreSqlSchemaTests(PostgreSqlDatabaseFixture database) : SchemaTests(database), IClassFixture<PostgreSqlDatabaseFixture>
{
    protected override string TablesQuery => "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'archive'";

    protected override string[] ExpectedTables => ["__ef_migrations_history", "cases", "documents", "inbox"];
}
