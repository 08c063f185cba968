using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Klachten.Server.Tests.Corpus;

/// <summary>
/// A fingerprint of everything the server and its embedded services stored: every row of every table of the
/// server's, the notification service's and the archive's database (the connection strings the running server uses:
/// in the embedded SQLite default a file each, in PostgreSQL their schemas in one database or databases of their
/// own), and every file of the e-mail pickup folder. Per table the row count and a SHA-256 over the rows' full
/// contents, sorted, so a changed row or an insert plus a delete shows as well as a new row.
/// </summary>
internal static class StoredState
{
    private static readonly string[] Services = ["Klachten", "Notifications", "Archive"];

    // Written by authentication itself (a key's last use, to the minute; a sign-in), whatever the request then does.
    private static readonly HashSet<string> AuthenticationBookkeeping = new(StringComparer.Ordinal) { "last_used_at", "last_sign_in_at" };

    /// <summary>Table (<c>database:schema.table</c>, or <c>mail:</c> for the pickup folder) → "rows, hash".</summary>
    public static async Task<SortedDictionary<string, string>> ReadAsync(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var postgres = string.Equals(configuration["Klachten:Database:Provider"], "PostgreSql", StringComparison.OrdinalIgnoreCase);
        var state = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var connectionStrings = Services.Select(configuration.GetConnectionString).OfType<string>().Where(c => c.Length > 0).Distinct(StringComparer.Ordinal);
        foreach (var connectionString in connectionStrings)
        {
            await using DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
            await connection.OpenAsync();
            var database = postgres ? connection.Database : Path.GetFileName(new SqliteConnectionStringBuilder(connectionString).DataSource);
            foreach (var table in await TablesAsync(connection, postgres))
            {
                state[$"{database}:{table}"] = await FingerprintAsync(connection, table);
            }
        }

        if (configuration["Klachten:Notifications:PickupDirectory"] is { Length: > 0 } mail)
        {
            state["mail:" + mail] = Fingerprint(MailFiles(mail));
        }

        return state;
    }

    /// <summary>The tables whose fingerprints differ, with both, or an empty string when nothing changed.</summary>
    public static string Differences(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        string.Join("; ", before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t))
            .Select(t => $"{t} changed from [{before.GetValueOrDefault(t) ?? "absent"}] to [{after.GetValueOrDefault(t) ?? "absent"}]"));

    private static async Task<List<string>> TablesAsync(DbConnection connection, bool postgres)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = postgres
            ? "SELECT '\"' || table_schema || '\".\"' || table_name || '\"' FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
            : "SELECT '\"' || name || '\"' FROM sqlite_master WHERE type = 'table' ORDER BY 1";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static async Task<string> FingerprintAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table}";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new StringBuilder();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (AuthenticationBookkeeping.Contains(reader.GetName(i)))
                {
                    continue;
                }

                row.Append(reader.GetName(i)).Append('=').Append(Text(reader.GetValue(i))).Append('\u001f');
            }

            rows.Add(row.ToString());
        }

        return Fingerprint(rows);
    }

    private static IEnumerable<string> MailFiles(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => $"{Path.GetRelativePath(folder, f)}={Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}")
            : [];

    private static string Fingerprint(IEnumerable<string> rows)
    {
        var sorted = rows.Order(StringComparer.Ordinal).ToList();
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e', sorted)));
        return $"{sorted.Count} rows, {Convert.ToHexString(hash)[..16]}";
    }

    private static string Text(object value) => value switch
    {
        DBNull => "NULL",
        byte[] bytes => Convert.ToBase64String(bytes),
        DateTime instant => instant.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        Array array => string.Join(",", array.Cast<object>().Select(Text)),
        _ => value.ToString() ?? "",
    };
}
