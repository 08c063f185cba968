using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;
using Npgsql;

namespace Klachten.Server.Tests.Timers;

/// <summary>
/// Two server nodes on one PostgreSQL database share the schedules of workflows that start on a Timer: each
/// occurrence starts exactly one instance, whichever node gets there first.
/// </summary>
[Collection(TimerScaleCollection.Name)]
public sealed class TwoNodeScheduledStartTests : IAsyncLifetime
{
    private const int Definitions = 40;

    private TwoNodes _nodes = null!;

    public async Task InitializeAsync() => _nodes = await TwoNodes.StartAsync(nameof(TwoNodeScheduledStartTests), TwoNodes.ManualClocks);

    public async Task DisposeAsync() => await _nodes.DisposeAsync();

    [Fact]
    public async Task MoveBothClocks_EveryOccurrenceOfEveryScheduleStartsExactlyOneInstance()
    {
        var ownerA = _nodes.A.As("procesbeheerder");
        var ownerB = _nodes.B.As("procesbeheerder");
        var ids = Enumerable.Range(0, Definitions).Select(_ => ElsaJson.NewDefinitionId()).ToList();
        foreach (var id in ids)
        {
            await TimerWorkflows.PublishAsync(ownerA, HourlyTimer(id));
        }

        var t0 = await TimerWorkflows.ClockAsync(ownerA);
        foreach (var hours in new[] { 1, 2, 3 })
        {
            var due = t0 + TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(1);
            var started = await Task.WhenAll(TimerWorkflows.MoveClockAsync(ownerA, due), TimerWorkflows.MoveClockAsync(ownerB, due));
            Assert.Equal(Definitions, started.Sum());
        }

        var perDefinition = await InstancesPerDefinitionAsync();
        Assert.Equal(ids.Order(StringComparer.Ordinal), perDefinition.Keys.Order(StringComparer.Ordinal));
        Assert.True(perDefinition.Values.All(n => n == 3), "Each definition should have started exactly 3 instances: " + string.Join(", ", perDefinition.Values));
    }

    private async Task<Dictionary<string, long>> InstancesPerDefinitionAsync()
    {
        await using var connection = new NpgsqlConnection(_nodes.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT definition_id, count(*) FROM workflow_instances WHERE status = 'Finished' GROUP BY definition_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private static JsonObject HourlyTimer(string definitionId)
    {
        var trigger = ElsaJson.Activity("trigger", "Elsa.Timer", new JsonObject
        {
            ["interval"] = new JsonObject { ["typeName"] = "TimeSpan", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "01:00:00" } },
        });
        trigger["customProperties"] = new JsonObject { ["canStartWorkflow"] = true };
        var model = ElsaJson.Definition(definitionId, "Elk uur");
        var root = model["root"]!.AsObject();
        root["activities"] = new JsonArray(trigger, ElsaJson.Activity("end", "Elsa.End"));
        root["connections"] = new JsonArray(ElsaJson.Connection("trigger", "Done", "end"));
        return model;
    }
}
