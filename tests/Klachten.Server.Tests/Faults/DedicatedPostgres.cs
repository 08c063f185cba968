using System.Globalization;
using Klachten.Server.Tests.Messaging;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Faults;

/// <summary>
/// A throwaway PostgreSQL of one test class, from <c>tests/infra/postgres.sh</c> on a port of its own, so the test
/// may stop and start it without touching the instance the other classes share. The first free port from
/// <c>KLACHTEN_TEST_PG_FAULT_PORT</c> (default 25461) is taken, with a claim file holding this process id.
/// </summary>
internal sealed class DedicatedPostgres : IAsyncDisposable
{
    public const string PortVariable = "KLACHTEN_TEST_PG_FAULT_PORT";

    private bool _disposed;

    private DedicatedPostgres(int port, string connectionString)
    {
        Port = port;
        ConnectionString = connectionString;
    }

    public int Port { get; }

    public string ConnectionString { get; }

    public static async Task<DedicatedPostgres> StartAsync()
    {
        var port = ClaimPort();
        try
        {
            return new DedicatedPostgres(port, await RunAsync("start", port, TimeSpan.FromSeconds(120)));
        }
        catch
        {
            await StopQuietlyAsync(port);
            throw;
        }
    }

    /// <summary>Stops the server process (fast shutdown: sessions are cut off); the data stays.</summary>
    public Task HaltAsync() => RunAsync("halt", Port, TimeSpan.FromSeconds(90));

    /// <summary>Starts the server process again on the same data.</summary>
    public Task ResumeAsync() => RunAsync("resume", Port, TimeSpan.FromSeconds(90));

    public async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await StopQuietlyAsync(Port);
        }
    }

    private static Task<string> RunAsync(string command, int port, TimeSpan timeout) =>
        RabbitMqTools.RunAsync("/bin/bash", [Path.Combine(RepoPaths.Root, "tests", "infra", "postgres.sh"), command],
            new Dictionary<string, string> { ["KLACHTEN_TEST_PG_PORT"] = port.ToString(CultureInfo.InvariantCulture) }, timeout);

    private static async Task StopQuietlyAsync(int port)
    {
        try
        {
            await RunAsync("stop", port, TimeSpan.FromSeconds(60));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            // The next start on this port removes what is left.
        }
        finally
        {
            File.Delete(ClaimFile(port));
        }
    }

    private static int ClaimPort()
    {
        var first = int.TryParse(Environment.GetEnvironmentVariable(PortVariable), CultureInfo.InvariantCulture, out var configured) ? configured : 25461;
        for (var port = first; port < first + 20; port++)
        {
            var claim = ClaimFile(port);
            if (File.Exists(claim) && !ClaimantAlive(claim))
            {
                // A dead run's claim: its instance, if any, is ours to replace (the script's start removes it).
                File.Delete(claim);
            }
            else if (File.Exists(claim) || RabbitMqTools.PortInUse(port) || Directory.EnumerateDirectories("/tmp", $"klachten-postgres-{port}.*").Any())
            {
                continue;
            }

            try
            {
                using var file = new FileStream(claim, FileMode.CreateNew, FileAccess.Write);
                file.Write(System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)));
                return port;
            }
            catch (IOException)
            {
                // Another class or run took it first.
            }
        }

        throw new InvalidOperationException($"No free port for a dedicated PostgreSQL from {first} on; set {PortVariable}.");
    }

    private static string ClaimFile(int port) => Path.Combine("/tmp", $"klachten-postgres-claim-{port}");

    private static bool ClaimantAlive(string claim)
    {
        if (!int.TryParse(File.ReadAllText(claim), CultureInfo.InvariantCulture, out var pid))
        {
            return true;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
