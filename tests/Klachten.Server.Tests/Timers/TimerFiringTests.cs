using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Timers;

/// <summary>Durable timers on one node: moving the manual clock past the due instant fires each timer exactly once.</summary>
public abstract class TimerFiringTests(ManualClockServerFixture fixture)
{
    private const int Instances = 50;

    private readonly HttpClient _owner = fixture.Factory.As("procesbeheerder");

    [Fact]
    public async Task MoveClock_PastDelayOfManyInstances_FinishesEachOnceWithOneResume()
    {
        var id = ElsaJson.NewDefinitionId();
        await TimerWorkflows.PublishAsync(_owner, TimerWorkflows.DelayThenWriteLine(id));
        var started = await StartInstancesAsync(id);

        await TimerWorkflows.MoveClockAsync(_owner, started + TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        await AssertEachFiredOnceAsync(id);
    }

    [Fact]
    public async Task MoveClock_PastStartAtInstant_FinishesEachOnceWithOneResume()
    {
        var id = ElsaJson.NewDefinitionId();
        var instant = (await TimerWorkflows.ClockAsync(_owner)).AddHours(6);
        await TimerWorkflows.PublishAsync(_owner, TimerWorkflows.StartAtThenWriteLine(id, instant));
        await StartInstancesAsync(id);

        await TimerWorkflows.MoveClockAsync(_owner, instant);

        await AssertEachFiredOnceAsync(id);
    }

    [Fact]
    public async Task MoveClock_ToJustBeforeDue_FiresNothing()
    {
        var id = ElsaJson.NewDefinitionId();
        await TimerWorkflows.PublishAsync(_owner, TimerWorkflows.DelayThenWriteLine(id));
        var started = await StartInstancesAsync(id);

        await TimerWorkflows.MoveClockAsync(_owner, started + TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));

        var outcomes = await TimerOutcome.ReadAsync(fixture.Factory.Services, id);
        Assert.Equal(Instances, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(("Running", 0, 0, 1), (o.Status, o.Resumed, o.WriteLineCompleted, o.Bookmarks)));
    }

    [Fact]
    public async Task MoveClock_AgainAfterTimersFired_FiresNothingTwice()
    {
        var id = ElsaJson.NewDefinitionId();
        await TimerWorkflows.PublishAsync(_owner, TimerWorkflows.DelayThenWriteLine(id));
        var started = await StartInstancesAsync(id);
        await TimerWorkflows.MoveClockAsync(_owner, started + TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        await TimerWorkflows.MoveClockAsync(_owner, started + TimeSpan.FromDays(3));

        await AssertEachFiredOnceAsync(id);
    }

    [Fact]
    public async Task MoveClock_PastTimerOfFaultedInstance_LeavesItUnclaimed()
    {
        var id = ElsaJson.NewDefinitionId();
        await TimerWorkflows.PublishAsync(_owner, TimerWorkflows.DelayBesideFault(id));
        var started = await TimerWorkflows.ClockAsync(_owner);
        using var execute = await _owner.PostAsync($"/elsa/api/workflow-definitions/{id}/execute", null);
        var state = (await execute.ReadObjectAsync())["workflowState"]!;
        Assert.Equal(("Faulted", 1), ((string?)state["subStatus"], state["bookmarks"]!.AsArray().Count));

        await TimerWorkflows.MoveClockAsync(_owner, started + TimeSpan.FromDays(2));

        // Kept for a retry, but not claimed: a faulted instance's timer must not be picked up again every lease period.
        var outcome = Assert.Single(await TimerOutcome.ReadAsync(fixture.Factory.Services, id));
        Assert.Equal(("Finished", 0, 1), (outcome.Status, outcome.Resumed, outcome.Bookmarks));
        Assert.Equal([null], await TimerOutcome.LeaseOwnersAsync(fixture.Factory.Services, outcome.InstanceId));
    }

    /// <summary>Starts the instances through the API; returns the clock reading taken before the first start.</summary>
    private async Task<DateTimeOffset> StartInstancesAsync(string definitionId)
    {
        var now = await TimerWorkflows.ClockAsync(_owner);
        for (var i = 0; i < Instances; i++)
        {
            await TimerWorkflows.ExecuteAsync(_owner, definitionId);
        }

        return now;
    }

    private async Task AssertEachFiredOnceAsync(string definitionId)
    {
        var outcomes = await TimerOutcome.ReadAsync(fixture.Factory.Services, definitionId);
        Assert.Equal(Instances, outcomes.Count);
        Assert.All(outcomes, o => Assert.True(o.FiredOnce, o.ToString()));
    }
}

public sealed class SqliteTimerFiringTests(SqliteManualClockServerFixture fixture) : TimerFiringTests(fixture), IClassFixture<SqliteManualClockServerFixture>;

public sealed class PostgreSqlTimerFiringTests(PostgreSqlManualClockServerFixture fixture) : TimerFiringTests(fixture), IClassFixture<PostgreSqlManualClockServerFixture>;
