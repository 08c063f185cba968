using Npgsql;

namespace Klachten.Server.Tests.Timers;

/// <summary>PostgreSQL-side set-up and checks for the timer scale tests, in plain SQL.</summary>
internal static class TimerRows
{
    /// <summary>The application name of the test's own connections, so they can be told apart from the server's.</summary>
    public const string ApplicationName = "klachten-timer-tests";

    /// <summary>
    /// Copies one waiting instance (its row and its single timer bookmark) <paramref name="copies"/> times with new ids,
    /// rewriting the ids inside the state JSON, so the copies are indistinguishable from instances started through the
    /// API. Columns are copied generically, so new columns do not break this
    /// (in a LATERAL join: <c>(f(row)).*</c> would call the function once per column).
    /// </summary>
    public static async Task CloneWaitingInstanceAsync(string connectionString, string templateInstanceId, int copies, string prefix)
    {
        const string Sql = """
            INSERT INTO workflow_instances
            SELECT copy.*
            FROM workflow_instances i
            JOIN bookmarks b ON b.instance_id = i.id
            CROSS JOIN generate_series(1, @copies) g
            CROSS JOIN LATERAL jsonb_populate_record(NULL::workflow_instances, to_jsonb(i) || jsonb_build_object(
                'id', @prefix || g,
                'state_json', replace(replace(i.state_json, i.id, @prefix || g), b.id, @prefix || 'b' || g))) copy
            WHERE i.id = @template;

            INSERT INTO bookmarks
            SELECT copy.*
            FROM bookmarks b
            CROSS JOIN generate_series(1, @copies) g
            CROSS JOIN LATERAL jsonb_populate_record(NULL::bookmarks, to_jsonb(b) || jsonb_build_object(
                'id', @prefix || 'b' || g,
                'instance_id', @prefix || g)) copy
            WHERE b.instance_id = @template;

            ANALYZE workflow_instances;
            ANALYZE bookmarks;
            """;
        await using var connection = Open(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var bookmarks = await ScalarAsync(connection, "SELECT count(*) FROM bookmarks WHERE instance_id = @template", ("template", templateInstanceId));
        if (bookmarks != 1)
        {
            throw new InvalidOperationException($"Template instance {templateInstanceId} has {bookmarks} bookmarks; expected one timer.");
        }

        await using (var command = new NpgsqlCommand(Sql, connection, transaction) { CommandTimeout = 300 })
        {
            command.Parameters.AddWithValue("prefix", prefix);
            command.Parameters.AddWithValue("copies", copies);
            command.Parameters.AddWithValue("template", templateInstanceId);
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    public static async Task<long> CountAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = Open(connectionString);
        await connection.OpenAsync();
        return await ScalarAsync(connection, sql, parameters);
    }

    public static Task<long> FinishedAsync(string connectionString, string definitionId) =>
        CountAsync(connectionString, "SELECT count(*) FROM workflow_instances WHERE definition_id = @d AND status = 'Finished'", ("d", definitionId));

    /// <summary>Instances of the definition whose timer did not fire exactly once, as "id: count" (empty when all is well).</summary>
    public static async Task<List<string>> NotResumedExactlyOnceAsync(string connectionString, string definitionId)
    {
        const string Sql = """
            SELECT i.id, count(j.instance_id)
            FROM workflow_instances i
            LEFT JOIN journal_entries j ON j.instance_id = i.id AND j.event_name = 'Resumed'
            WHERE i.definition_id = @d
            GROUP BY i.id
            HAVING count(j.instance_id) <> 1
            LIMIT 20
            """;
        await using var connection = Open(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("d", definitionId);
        await using var reader = await command.ExecuteReaderAsync();
        var wrong = new List<string>();
        while (await reader.ReadAsync())
        {
            wrong.Add($"{reader.GetString(0)}: {reader.GetInt64(1)}");
        }

        return wrong;
    }

    /// <summary>The totals a correct run must show: instances, finished, Resumed rows, WriteLine completions, timer bookmarks left.</summary>
    public static async Task<(long Instances, long Finished, long Resumed, long WriteLines, long Bookmarks)> TotalsAsync(string connectionString, string definitionId)
    {
        const string Sql = """
            SELECT
                (SELECT count(*) FROM workflow_instances WHERE definition_id = @d),
                (SELECT count(*) FROM workflow_instances WHERE definition_id = @d AND status = 'Finished'),
                (SELECT count(*) FROM journal_entries j JOIN workflow_instances i ON i.id = j.instance_id
                    WHERE i.definition_id = @d AND j.event_name = 'Resumed'),
                (SELECT count(*) FROM journal_entries j JOIN workflow_instances i ON i.id = j.instance_id
                    WHERE i.definition_id = @d AND j.activity_type = 'Elsa.WriteLine' AND j.event_name = 'Completed'),
                (SELECT count(*) FROM bookmarks b JOIN workflow_instances i ON i.id = b.instance_id WHERE i.definition_id = @d)
            """;
        await using var connection = Open(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("d", definitionId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    /// <summary>
    /// Rows of the instance and bookmark tables read so far according to PostgreSQL's statistics: rows returned by
    /// sequential scans plus index entries returned by any index scan (index-only and bitmap scans fetch no heap
    /// rows, so <c>idx_tup_fetch</c> alone would miss them).
    /// </summary>
    public static Task<long> RuntimeRowsReadAsync(string connectionString) =>
        CountAsync(connectionString, """
            SELECT (SELECT coalesce(sum(seq_tup_read), 0) FROM pg_stat_user_tables WHERE relname IN ('bookmarks', 'workflow_instances'))
                 + (SELECT coalesce(sum(idx_tup_read), 0) FROM pg_stat_user_indexes WHERE relname IN ('bookmarks', 'workflow_instances'))
            """);

    /// <summary>Connections to this database other than the test's own; a server's statistics are flushed once its are gone.</summary>
    public static Task<long> OtherConnectionsAsync(string connectionString) =>
        CountAsync(connectionString, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name <> @app", ("app", ApplicationName));

    private static NpgsqlConnection Open(string connectionString) =>
        new(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = ApplicationName }.ConnectionString);

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
