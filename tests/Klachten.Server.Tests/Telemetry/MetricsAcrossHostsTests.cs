using Klachten.Server.Tests.Procedure;
using Klachten.Testing;

namespace Klachten.Server.Tests.Telemetry;

/// <summary>
/// Several servers in one process (as in this test run): a host that stops must not take the gauges of another with
/// it. Two servers start, the first stops, and the second's /metrics still shows its own gauges.
/// </summary>
public sealed class MetricsAcrossHostsTests
{
    [Fact]
    public async Task Metrics_AfterAnotherHostInTheProcessStopped_StillShowTheGauges()
    {
        var first = new TelemetryFixture();
        await first.InitializeAsync();
        var second = new TelemetryFixture();
        await second.InitializeAsync();
        try
        {
            using (var early = first.Factory.CreateClient())
            {
                await Eventually.Until(async () => (await early.GetStringAsync("/metrics")).Contains("klachten_tasks_open", StringComparison.Ordinal));
            }

            await first.DisposeAsync();
            var driver = new ProcedureDriver(second.Factory);
            await driver.RegisterAsync(ProcedureDriver.Complaint(await driver.TodayAsync()));
            using var anonymous = second.Factory.CreateClient();

            var text = await Eventually.Until(
                async () => await anonymous.GetStringAsync("/metrics"),
                t => t.Contains("klachten_tasks_open", StringComparison.Ordinal) && t.Contains("klachten_workflow_instances", StringComparison.Ordinal),
                TimeSpan.FromSeconds(15));

            Assert.Contains("# TYPE klachten_tasks_open gauge", text, StringComparison.Ordinal);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }
}
