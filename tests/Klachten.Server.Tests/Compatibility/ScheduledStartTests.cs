using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;
using Klachten.Server.Tests.Timers;

namespace Klachten.Server.Tests.Compatibility;

/// <summary>
/// Elsa's scheduled triggers (Elsa.Scheduling: Timer, StartAt and Cron marked "can start workflow" start the published
/// workflow; mirrors Elsa's `Scenarios/Timers` and the scheduling module's trigger handling): started by moving the
/// manual clock, exactly once per occurrence, and following publish and retract.
/// </summary>
public abstract class ScheduledStartTests(ServerFixture fixture)
{
    private readonly HttpClient _owner = fixture.Factory.As("procesbeheerder");

    [Fact]
    public async Task Timer_StartsTheWorkflowEveryInterval_OnceAnOccurrence_UntilRetracted()
    {
        var id = ElsaJson.NewDefinitionId();
        var t0 = await TimerWorkflows.ClockAsync(_owner);
        await PublishAsync(Triggered(id, Trigger("Elsa.Timer", "interval", "TimeSpan", "01:00:00")));

        await TimerWorkflows.MoveClockAsync(_owner, t0 + TimeSpan.FromMinutes(59));
        Assert.Empty(await InstancesAsync(id));
        await TimerWorkflows.MoveClockAsync(_owner, t0 + TimeSpan.FromMinutes(61));
        var first = Assert.Single(await InstancesAsync(id));
        Assert.Equal("Finished", (string?)first["subStatus"]);
        Assert.Equal(["Gestart door de planning"], await WrittenLines.ReadAsync(fixture.Factory, (string)first["id"]!));

        // Two hours later: the missed occurrence is not made up, one start for the next.
        await TimerWorkflows.MoveClockAsync(_owner, t0 + TimeSpan.FromMinutes(181));
        Assert.Equal(2, (await InstancesAsync(id)).Count);
        await TimerWorkflows.MoveClockAsync(_owner, t0 + TimeSpan.FromMinutes(181));
        Assert.Equal(2, (await InstancesAsync(id)).Count);

        using var retracted = await _owner.RetractAsync(id);
        Assert.Equal(HttpStatusCode.OK, retracted.StatusCode);
        await TimerWorkflows.MoveClockAsync(_owner, t0 + TimeSpan.FromHours(6));
        Assert.Equal(2, (await InstancesAsync(id)).Count);
    }

    [Fact]
    public async Task Cron_StartsAtEachAmsterdamOccurrence_AndARepublishReplacesTheSchedule()
    {
        var id = ElsaJson.NewDefinitionId();
        var t0 = await TimerWorkflows.ClockAsync(_owner);
        await PublishAsync(Triggered(id, Trigger("Elsa.Cron", "cronExpression", "String", "0 9 * * *")));
        var nine = NextAmsterdam(t0, 9);

        if (nine - TimeSpan.FromMinutes(1) > t0)
        {
            await TimerWorkflows.MoveClockAsync(_owner, nine - TimeSpan.FromMinutes(1));
        }

        Assert.Empty(await InstancesAsync(id));
        await TimerWorkflows.MoveClockAsync(_owner, nine + TimeSpan.FromMinutes(1));
        Assert.Single(await InstancesAsync(id));

        // Version 2 runs at 10:00 instead; the 09:00 schedule of version 1 is gone.
        var v2 = Triggered(id, Trigger("Elsa.Cron", "cronExpression", "String", "0 10 * * *"));
        await PublishAsync(v2);
        await TimerWorkflows.MoveClockAsync(_owner, nine + TimeSpan.FromMinutes(61));
        var instances = await InstancesAsync(id);
        Assert.Equal([1, 2], instances.Select(i => (int)i["version"]!).Order().ToArray());
        await TimerWorkflows.MoveClockAsync(_owner, nine + TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        Assert.Equal(2, (await InstancesAsync(id)).Count);
    }

    [Fact]
    public async Task StartAt_StartsOnce_AtItsInstant()
    {
        var id = ElsaJson.NewDefinitionId();
        var t0 = await TimerWorkflows.ClockAsync(_owner);
        var at = t0 + TimeSpan.FromHours(3);
        await PublishAsync(Triggered(id, Trigger("Elsa.StartAt", "dateTime", "DateTimeOffset", at.ToString("O", CultureInfo.InvariantCulture))));

        await TimerWorkflows.MoveClockAsync(_owner, at - TimeSpan.FromSeconds(1));
        Assert.Empty(await InstancesAsync(id));
        await TimerWorkflows.MoveClockAsync(_owner, at + TimeSpan.FromSeconds(1));
        Assert.Single(await InstancesAsync(id));
        await TimerWorkflows.MoveClockAsync(_owner, at + TimeSpan.FromDays(2));
        Assert.Single(await InstancesAsync(id));
    }

    [Fact]
    public async Task Publish_TimerTriggerWithAScriptedInterval_Is400NamingTheActivity_AndNothingIsScheduled()
    {
        var id = ElsaJson.NewDefinitionId();
        var trigger = Trigger("Elsa.Timer", "interval", "TimeSpan", "'01:00:00'");
        trigger["interval"]!["expression"]!["type"] = "JavaScript";
        using var response = await _owner.SaveAsync(Triggered(id, trigger), publish: true);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Activiteit 'trigger' start de workflow, maar het interval is een JavaScript-expressie", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The next 09:00 (or <paramref name="hour"/>) in Amsterdam after <paramref name="now"/>, as an instant.</summary>
    private static DateTimeOffset NextAmsterdam(DateTimeOffset now, int hour)
    {
        var zone = Klachten.Contracts.AmsterdamTime.Zone;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var candidate = new DateTime(local.Year, local.Month, local.Day, hour, 0, 0, DateTimeKind.Unspecified);
        if (candidate <= local.DateTime)
        {
            candidate = candidate.AddDays(1);
        }

        return new DateTimeOffset(candidate, zone.GetUtcOffset(candidate));
    }

    private async Task PublishAsync(JsonObject model)
    {
        using var response = await _owner.SaveAsync(model, publish: true);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<List<JsonObject>> InstancesAsync(string definitionId)
    {
        using var list = await _owner.PostAsync("/elsa/api/workflow-instances", ElsaJson.Body(new JsonObject { ["definitionId"] = definitionId, ["pageSize"] = 100 }));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        return (await list.ReadObjectAsync())["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
    }

    private static JsonObject Trigger(string type, string input, string typeName, string value)
    {
        var trigger = ElsaJson.Activity("trigger", type, new JsonObject
        {
            [input] = new JsonObject { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } },
        });
        trigger["customProperties"] = new JsonObject { ["canStartWorkflow"] = true };
        return trigger;
    }

    private static JsonObject Triggered(string definitionId, JsonObject trigger) => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = "Gepland " + definitionId,
        ["variables"] = new JsonArray(),
        ["root"] = new JsonObject
        {
            ["id"] = "flow1", ["type"] = "Elsa.Flowchart", ["version"] = 1,
            ["activities"] = new JsonArray
            {
                trigger,
                ElsaJson.Activity("write", "Elsa.WriteLine", new JsonObject
                {
                    ["text"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "Gestart door de planning" } },
                }),
            },
            ["connections"] = new JsonArray { ElsaJson.Connection("trigger", "Done", "write") },
        },
    };
}

public sealed class SqliteScheduledStartTests(SqliteManualClockServerFixture fixture)
    : ScheduledStartTests(fixture), IClassFixture<SqliteManualClockServerFixture>;

public sealed class PostgreSqlScheduledStartTests(PostgreSqlManualClockServerFixture fixture)
    : ScheduledStartTests(fixture), IClassFixture<PostgreSqlManualClockServerFixture>;
