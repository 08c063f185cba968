using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Procedure;
using Klachten.Server.Tests.Support;
using Npgsql;

namespace Klachten.Server.Tests.Faults;

/// <summary>
/// The procedure through the HTTP API of a server process (<see cref="ServerNode"/>), as <see cref="ProcedureDriver"/>
/// does for the in-process server: each request bounded, so a server that hangs fails the test instead of stalling it.
/// </summary>
internal sealed class NodeDriver(ServerNode node, TimeSpan? requestTimeout = null)
{
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    public ServerNode Node => node;

    public HttpClient As(string user) => _clients.GetOrAdd(user, u => node.As(u, requestTimeout ?? TimeSpan.FromSeconds(30)));

    public async Task<DateTimeOffset> NowAsync() =>
        (await As("beheerder").GetFromJsonAsync<JsonObject>("/api/dev/clock"))!["now"]!.GetValue<DateTimeOffset>();

    public async Task<DateOnly> TodayAsync() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(await NowAsync(), ProcedureDriver.Amsterdam).DateTime);

    /// <summary>Moves the node's manual clock; returns how many timers the move fired.</summary>
    public async Task<int> SetClockAsync(DateTimeOffset instant)
    {
        var response = await As("beheerder").PostAsync("/api/dev/clock", ElsaJson.Body(new JsonObject { ["now"] = instant }));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Moving the clock to {instant:O}: {(int)response.StatusCode} {text}");
        return (int)JsonNode.Parse(text)!["timersFired"]!;
    }

    public async Task<Registered> RegisterAsync(JsonObject body, string user = "medewerker")
    {
        var response = await As(user).PostAsync("/api/complaints", ElsaJson.Body(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Registering on {node.Address}: {(int)response.StatusCode} {text}");
        var created = JsonNode.Parse(text)!;
        return new Registered((Guid)created["id"]!, (string)created["reference"]!, (string)created["status"]!, (string)created["workflowInstanceId"]!);
    }

    public async Task<JsonObject> CaseAsync(Registered complaint) =>
        (await As("directeur").GetFromJsonAsync<JsonObject>($"/api/complaints/{complaint.Id}"))!;

    /// <summary>The open tasks <paramref name="user"/> sees for their roles, by workflow instance.</summary>
    public async Task<ILookup<string, JsonObject>> TasksByInstanceAsync(string user)
    {
        var tasks = await As(user).GetFromJsonAsync<JsonArray>("/api/tasks?scope=role");
        return tasks!.Select(t => t!.AsObject()).ToLookup(t => (string)t["workflowInstanceId"]!);
    }

    public async Task<JsonObject> OpenTaskAsync(string user, Registered complaint, string title)
    {
        // Receipt confirmation and contact are open side by side: pick the task by its title.
        var task = Assert.Single((await TasksByInstanceAsync(user))[complaint.InstanceId], t => (string?)t["title"] == title);
        Assert.Equal("Open", (string?)task["status"]);
        return task;
    }

    public Task<HttpResponseMessage> CompleteAsync(string user, JsonObject task, string outcome, JsonObject? data = null) =>
        As(user).PostAsync($"/api/tasks/{task["id"]}/complete", ElsaJson.Body(new JsonObject
        {
            ["outcome"] = outcome,
            ["comment"] = $"Afgerond met '{outcome}'.",
            ["data"] = data ?? [],
            ["version"] = (int)task["version"]!,
        }));

    public async Task CompleteOpenTaskAsync(string user, Registered complaint, string title, string outcome, JsonObject? data = null)
    {
        var task = await OpenTaskAsync(user, complaint, title);
        using var response = await CompleteAsync(user, task, outcome, data);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Completing '{title}' on {node.Address}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public Task ConfirmReceiptAsync(Registered complaint) => CompleteOpenTaskAsync("directeur", complaint, Titles.Receipt, "Bevestigd");

    public Task ContactAsync(Registered complaint) =>
        CompleteOpenTaskAsync("directeur", complaint, Titles.Contact, "Niet ingetrokken", new JsonObject { ["contactnotitie"] = "Gebeld met de klager." });

    public async Task<(HttpStatusCode Status, JsonObject? Body)> ReadinessAsync()
    {
        var client = _clients.GetOrAdd("(anonymous)", _ => new HttpClient { BaseAddress = node.Address, Timeout = requestTimeout ?? TimeSpan.FromSeconds(30) });
        using var response = await client.GetAsync("/health/ready");
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : null);
    }
}

/// <summary>What the server's database holds, read in plain SQL (the server runs in another process).</summary>
internal static class FaultRows
{
    public sealed record OutboxRow(Guid Id, string MessageType, string? InstanceId, DateTimeOffset? SentAt, int Attempts);

    public static async Task<List<OutboxRow>> OutboxAsync(string connectionString, string messageType = "SendLetter")
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand("SELECT id, message_type, instance_id, sent_at, attempts FROM outbox_messages WHERE message_type = @type", connection);
        command.Parameters.AddWithValue("type", messageType);
        var rows = new List<OutboxRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new OutboxRow(Guid.Parse(reader.GetString(0)), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt32(4)));
        }

        return rows;
    }

    /// <summary>Letters by status (Requested, Sent, Failed).</summary>
    public static async Task<Dictionary<string, long>> LettersByStatusAsync(string connectionString) =>
        (await QueryAsync(connectionString, "SELECT status, count(*) FROM letters GROUP BY status", r => (r.GetString(0), r.GetInt64(1))))
            .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);

    public static async Task<List<T>> QueryAsync<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        // No pooling: a pooled connection from before a database restart would fail the test's own read.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "klachten-fault-tests" };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static string Describe<T>(IEnumerable<T> items) => string.Join(", ", items.Select(i => Convert.ToString(i, CultureInfo.InvariantCulture)));
}
