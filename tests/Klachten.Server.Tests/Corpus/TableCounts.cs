using System.Data.Common;
using Klachten.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Corpus;

/// <summary>Row counts of every table the server's model maps, to prove a request stored nothing.</summary>
internal static class TableCounts
{
    public static async Task<SortedDictionary<string, long>> ReadAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();
        var tables = db.Model.GetEntityTypes()
            .Select(e => (Schema: e.GetSchema(), Table: e.GetTableName()))
            .Where(t => t.Table is not null)
            .Distinct()
            .ToList();
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            foreach (var (schema, table) in tables)
            {
                await using DbCommand command = connection.CreateCommand();
                var name = schema is null ? $"\"{table}\"" : $"\"{schema}\".\"{table}\"";
                command.CommandText = $"SELECT COUNT(*) FROM {name}";
                counts[table!] = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        finally
        {
            await connection.CloseAsync();
        }

        return counts;
    }
}
