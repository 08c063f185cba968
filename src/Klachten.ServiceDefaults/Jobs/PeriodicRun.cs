using Microsoft.Extensions.Logging;

namespace Klachten.ServiceDefaults.Jobs;

/// <summary>
/// Runs a job now and then every <c>interval</c> on the injected clock until stopped. A failed run (a database that is
/// down or not migrated yet) is logged and tried again next time; the next run is scheduled from the start of the
/// previous one, so a clock that jumps while a run is busy is not waited out again.
/// </summary>
public static class PeriodicRun
{
    public static async Task RunAsync(Func<CancellationToken, Task> run, TimeSpan interval, TimeProvider clock, ILogger logger, string jobName, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = clock.GetUtcNow() + interval;
            try
            {
                await run(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "{JobName} run failed; next attempt at {NextRun}", jobName, next);
            }

            var wait = next - clock.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                continue;
            }

            try
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
