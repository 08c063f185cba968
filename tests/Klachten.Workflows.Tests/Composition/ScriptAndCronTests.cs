using Klachten.Workflows.Runtime;
using Microsoft.Extensions.Time.Testing;
using static Klachten.Workflows.Tests.Composition.Composites;

namespace Klachten.Workflows.Tests.Composition;

/// <summary>RunJavaScript and Cron (Elsa.Activities.IntegrationTests RunJavaScriptTests, Elsa.Scheduling's Cron).</summary>
public sealed class ScriptAndCronTests
{
    [Fact]
    public void RunJavaScript_ItsValueIsTheResult_AndItMayChangeVariables()
    {
        var script = Activity("Elsa.RunJavaScript", ("script", Literal("setV(getV() + 2); getV() * 10")), ("result", Bound("R")));
        var engine = Engine(new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));

        var result = engine.Start(Definition(Sequence(script, LineJs("'' + getR()")), ("V", "1"), ("R", "")), "js1");

        Assert.Equal(["30"], Lines(result));
        Assert.Equal("3", result.State.Variables["V"]!.ToJsonString());
    }

    [Theory]
    // Monday 09:00 Amsterdam time is 08:00 UTC in winter and 07:00 UTC in summer.
    [InlineData("2026-12-01T09:00:00Z", "0 9 * * 1", "2026-12-07T08:00:00Z")]
    [InlineData("2027-06-01T09:00:00Z", "0 9 * * 1", "2027-06-07T07:00:00Z")]
    [InlineData("2026-12-01T09:00:00Z", "30 0 9 * * 1", "2026-12-07T08:00:30Z")]
    public void Cron_WaitsForTheNextMoment_InAmsterdamTime(string now, string expression, string due)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        var definition = Definition(Sequence(Activity("Elsa.Cron", ("cronExpression", Literal(expression))), Line("tik")));

        var started = Engine(clock).Start(definition, "cr1");

        Assert.Equal(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(started.State.Bookmarks).DueAt);
        clock.SetUtcNow(Assert.Single(started.State.Bookmarks).DueAt!.Value);
        Assert.Equal(["tik"], Lines(Engine(clock).Resume(definition, Stored(started), started.State.Bookmarks[0].Id)!));
    }

    [Fact]
    public void Cron_BadExpression_FaultsWithTheReason()
    {
        var result = Engine(new FakeTimeProvider()).Start(Definition(Sequence(Activity("Elsa.Cron", ("cronExpression", Literal("elke maandag"))))), "cr2");

        Assert.Equal(WorkflowSubStatus.Faulted, result.State.SubStatus);
        Assert.Contains("'elke maandag' is geen geldige cron-expressie", Assert.Single(result.State.Incidents).Message, StringComparison.Ordinal);
    }
}
