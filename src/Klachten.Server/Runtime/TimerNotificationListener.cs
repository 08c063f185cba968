using Klachten.Server.Persistence;
using Npgsql;

namespace Klachten.Server.Runtime;

/// <summary>
/// PostgreSQL only: LISTENs for timers another node created that are due soon, and wakes this node's timer loop
/// instead of letting it sleep out its poll interval. Losing the connection only costs latency; it reconnects.
/// </summary>
internal sealed class TimerNotificationListener(string connectionString, TimerSignal signal, TimeProvider clock, ILogger<TimerNotificationListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => signal.Wake();
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgreSqlKlachtenDbContext.TimerChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                logger.LogWarning(ex, "Timer notifications unavailable; retrying");
                await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken);
            }
        }
    }
}
