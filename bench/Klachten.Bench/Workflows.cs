using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;

namespace Klachten.Bench;

/// <summary>The bench's workflow definitions and the HTTP and SQL calls that drive them.</summary>
internal static class Workflows
{
    public const string EventName = "tick";

    /// <summary>Start → <paramref name="events"/> × Elsa.Event("tick") → Finish: each trigger is one step.</summary>
    public static JsonObject EventChain(string definitionId, int events)
    {
        var activities = new JsonArray { Activity("start", "Elsa.Start") };
        var connections = new JsonArray();
        var previous = "start";
        for (var i = 1; i <= events; i++)
        {
            activities.Add(Activity($"e{i}", "Elsa.Event", new JsonObject { ["eventName"] = Literal("String", EventName) }));
            connections.Add(Connection(previous, $"e{i}"));
            previous = $"e{i}";
        }

        activities.Add(Activity("finish", "Elsa.Finish"));
        connections.Add(Connection(previous, "finish"));
        return Definition(definitionId, activities, connections);
    }

    /// <summary>Start → Elsa.Delay(<paramref name="timeSpan"/>) → Finish.</summary>
    public static JsonObject Delay(string definitionId, string timeSpan) => Definition(
        definitionId,
        [Activity("start", "Elsa.Start"), Activity("wait", "Elsa.Delay", new JsonObject { ["timeSpan"] = Literal("TimeSpan", timeSpan) }), Activity("finish", "Elsa.Finish")],
        [Connection("start", "wait"), Connection("wait", "finish")]);

    public static async Task PublishAsync(HttpClient owner, JsonObject model)
    {
        using var response = await owner.PostAsync("/elsa/api/workflow-definitions", Body(new JsonObject { ["model"] = model, ["publish"] = true }));
        await EnsureAsync(response, "publishing " + model["definitionId"]);
    }

    /// <summary>Starts an instance; returns its id.</summary>
    public static async Task<string> ExecuteAsync(HttpClient client, string definitionId)
    {
        using var response = await client.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/execute", null);
        await EnsureAsync(response, "executing " + definitionId);
        var state = (await response.Content.ReadFromJsonAsync<JsonObject>())!["workflowState"]!;
        return (string)state["id"]!;
    }

    /// <summary>Resumes the instance's event bookmark: one workflow step.</summary>
    public static async Task TriggerAsync(HttpClient client, string instanceId)
    {
        using var response = await client.PostAsync($"/elsa/api/events/{EventName}/trigger", Body(new JsonObject { ["workflowInstanceId"] = instanceId }));
        await EnsureAsync(response, "triggering " + instanceId);
        var resumed = (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["resumedCount"]!;
        if (resumed != 1)
        {
            throw new InvalidOperationException($"Trigger of {instanceId} resumed {resumed} bookmarks.");
        }
    }

    /// <summary>
    /// Copies one waiting instance and its single bookmark <paramref name="copies"/> times in SQL, rewriting ids inside
    /// the state, so the copies are indistinguishable from instances started through the API.
    /// </summary>
    public static async Task CloneWaitingInstanceAsync(string connectionString, string templateInstanceId, int copies, string prefix)
    {
        const string Sql = """
            INSERT INTO workflow_instances
            SELECT copy.* FROM workflow_instances i
            JOIN bookmarks b ON b.instance_id = i.id
            CROSS JOIN generate_series(1, @copies) g
            CROSS JOIN LATERAL jsonb_populate_record(NULL::workflow_instances, to_jsonb(i) || jsonb_build_object(
                'id', @prefix || g,
                'state_json', replace(replace(i.state_json, i.id, @prefix || g), b.id, @prefix || 'b' || g))) copy
            WHERE i.id = @template;
            INSERT INTO bookmarks
            SELECT copy.* FROM bookmarks b
            CROSS JOIN generate_series(1, @copies) g
            CROSS JOIN LATERAL jsonb_populate_record(NULL::bookmarks, to_jsonb(b) || jsonb_build_object(
                'id', @prefix || 'b' || g, 'instance_id', @prefix || g)) copy
            WHERE b.instance_id = @template;
            ANALYZE workflow_instances;
            ANALYZE bookmarks;
            """;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Sql, connection) { CommandTimeout = 600 };
        command.Parameters.AddWithValue("prefix", prefix);
        command.Parameters.AddWithValue("copies", copies);
        command.Parameters.AddWithValue("template", templateInstanceId);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The next transaction id: only transactions that write get one, so the difference counts write commits.</summary>
    public static Task<long> NextTransactionIdAsync(string connectionString) =>
        ScalarAsync(connectionString, "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint");

    public static StringContent Body(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    public static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static JsonObject Definition(string definitionId, JsonArray activities, JsonArray connections) => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = definitionId,
        ["toolVersion"] = "3.8.0",
        ["variables"] = new JsonArray(),
        ["root"] = new JsonObject
        {
            ["id"] = "flow1",
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["name"] = "Flowchart1",
            ["activities"] = activities,
            ["connections"] = connections,
        },
    };

    private static JsonObject Activity(string id, string type, JsonObject? inputs = null)
    {
        var activity = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = 1, ["name"] = id };
        foreach (var (key, value) in inputs ?? [])
        {
            activity[key] = value?.DeepClone();
        }

        return activity;
    }

    private static JsonObject Literal(string typeName, string value) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value },
    };

    private static JsonObject Connection(string source, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = "Done" },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };
}
