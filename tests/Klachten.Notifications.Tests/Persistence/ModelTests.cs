using Klachten.Notifications.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Notifications.Tests.Persistence;

/// <summary>Each provider's baseline matches the model: a model change without a migration fails here.</summary>
public sealed class ModelTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public void Model_OfProvider_HasNoChangesWithoutAMigration(string provider)
    {
        using NotificationsDbContext db = provider == "Sqlite"
            ? new SqliteDesignTimeFactory().CreateDbContext([])
            : new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges());
    }
}
