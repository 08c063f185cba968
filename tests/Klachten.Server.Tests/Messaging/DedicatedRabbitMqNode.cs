using System.Diagnostics;
using System.Globalization;

namespace Klachten.Server.Tests.Messaging;

/// <summary>
/// A throwaway RabbitMQ node of one test class, started and stopped with <c>tests/infra/rabbitmq.sh</c> on ports of
/// its own, so a test may take the broker away without touching the one other tests share. The first free pair of
/// ports from <c>KLACHTEN_TEST_RABBITMQ_OUTAGE_PORT</c> (default 25683) is taken; a claim file with this process id
/// keeps a parallel test run off it, and a claim of a run that died is taken over (the script removes its node).
/// </summary>
internal sealed class DedicatedRabbitMqNode : IAsyncDisposable
{
    public const string PortVariable = "KLACHTEN_TEST_RABBITMQ_OUTAGE_PORT";

    private bool _stopped;

    private DedicatedRabbitMqNode(int port, Uri uri)
    {
        Port = port;
        Uri = uri;
    }

    public int Port { get; }

    /// <summary>The node name as the script gives it.</summary>
    public string Node => $"klachten-test-{Port}@localhost";

    public Uri Uri { get; }

    public TimeSpan StartedIn { get; private set; }

    public static async Task<DedicatedRabbitMqNode> StartAsync()
    {
        var port = ClaimPort();
        var started = Stopwatch.StartNew();
        try
        {
            var uri = await RunScriptAsync("start", port, TimeSpan.FromSeconds(120));
            return new DedicatedRabbitMqNode(port, new Uri(uri)) { StartedIn = started.Elapsed };
        }
        catch
        {
            await StopQuietlyAsync(port);
            throw;
        }
    }

    /// <summary>The broker goes away (connections closed, port shut); the node and its durable queues stay.</summary>
    public Task StopAppAsync() => RabbitMqTools.CtlAsync(Node, "stop_app");

    /// <summary>The broker comes back with the queues it had.</summary>
    public async Task StartAppAsync()
    {
        await RabbitMqTools.CtlAsync(Node, "start_app");
        await RabbitMqTools.CtlAsync(Node, "await_startup");
    }

    /// <summary>The node process stops (connections closed, port shut); its folder with the durable queues stays.</summary>
    public Task HaltAsync() => RunScriptAsync("halt", Port, TimeSpan.FromSeconds(90));

    /// <summary>SIGKILL of the node: no shutdown at all; resuming recovers its durable queues and persistent messages.</summary>
    public Task CrashAsync() => RunScriptAsync("crash", Port, TimeSpan.FromSeconds(90));

    /// <summary>The node process starts again from its folder, with the queues and messages it had.</summary>
    public Task ResumeAsync() => RunScriptAsync("resume", Port, TimeSpan.FromSeconds(120));

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await StopQuietlyAsync(Port);
        }
    }

    private static async Task StopQuietlyAsync(int port)
    {
        try
        {
            await RunScriptAsync("stop", port, TimeSpan.FromSeconds(60));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            // Reported by the test that needed the node; the next start on this port removes what is left.
        }
        finally
        {
            File.Delete(ClaimFile(port));
        }
    }

    private static Task<string> RunScriptAsync(string command, int port, TimeSpan timeout) =>
        RabbitMqTools.RunAsync("/bin/bash", [RabbitMqTools.Script, command], new Dictionary<string, string>
        {
            ["KLACHTEN_TEST_RABBITMQ_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["KLACHTEN_TEST_RABBITMQ_DIST_PORT"] = (port + 1).ToString(CultureInfo.InvariantCulture),
        }, timeout);

    private static int ClaimPort()
    {
        var first = int.TryParse(Environment.GetEnvironmentVariable(PortVariable), CultureInfo.InvariantCulture, out var configured) ? configured : 25683;
        for (var port = first; port < first + 40; port += 2)
        {
            var claim = ClaimFile(port);
            if (File.Exists(claim))
            {
                // Ours or another live run's: taken. A dead run's: its node (if any) is ours to replace.
                if (ClaimantAlive(claim))
                {
                    continue;
                }

                File.Delete(claim);
            }
            else if (RabbitMqTools.PortInUse(port) || RabbitMqTools.PortInUse(port + 1) || Directory.EnumerateDirectories(Scratch, $"klachten-rabbitmq-{port}.*").Any())
            {
                // Without a claim, a busy port or a script folder belongs to someone else (the shared broker, say).
                continue;
            }

            if (TryCreateClaim(claim))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free port pair for a dedicated RabbitMQ node from {first} on; set {PortVariable}.");
    }

    // Creating the file is the claim: of two classes (or runs) reaching for one port at once, one gets it.
    private static bool TryCreateClaim(string claim)
    {
        try
        {
            using var file = new FileStream(claim, FileMode.CreateNew, FileAccess.Write);
            file.Write(System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)));
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    // Where the script keeps its node folders.
    private const string Scratch = "/tmp";

    private static string ClaimFile(int port) => Path.Combine(Scratch, $"klachten-rabbitmq-claim-{port}");

    private static bool ClaimantAlive(string claim)
    {
        string text;
        try
        {
            text = File.ReadAllText(claim);
        }
        catch (FileNotFoundException)
        {
            return false;
        }

        if (!int.TryParse(text, CultureInfo.InvariantCulture, out var pid))
        {
            // Just created, its id not written yet.
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
