using Klachten.Notifications.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Notifications.Tests.Persistence;

/// <summary>Each provider's baseline matches the model: a model change without a migration fails here.</summary>
public sealed class ModelTests
{
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
}
