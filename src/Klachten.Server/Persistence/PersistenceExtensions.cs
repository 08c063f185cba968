using Klachten.ServiceDefaults.Persistence;

namespace Klachten.Server.Persistence;

/// <summary>The server's database on the shared persistence kit: its contexts, lock key and default file.</summary>
internal static class PersistenceExtensions
{
    /// <summary>The tables of the server; readiness checks <c>database</c> and <c>migrations</c>.</summary>
    public static readonly DatabaseProfile Profile = new(
        Name: "server",
        MigrationLockKey: 72_420_001,
        ConnectionStringNames: ["Klachten"],
        SqliteFileName: "klachten.db",
        SqliteHistoryTable: DatabaseProfile.PostgreSqlHistoryTable,
        PostgreSqlSchema: null,
        HealthCheckPrefix: "");

    public static IHostApplicationBuilder AddKlachtenPersistence(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<KlachtenDbContext, SqliteKlachtenDbContext, PostgreSqlKlachtenDbContext>(Profile);
        return builder;
    }
}
