using System.Diagnostics;
using System.Net.Sockets;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Messaging;

/// <summary>
/// <c>rabbitmqctl</c> and <c>tests/infra/rabbitmq.sh</c> run as child processes with a time limit. Output goes to
/// files, not pipes: a broker started in the background must not keep the test waiting for the end of a pipe.
/// </summary>
internal static class RabbitMqTools
{
    public static string Ctl { get; } = File.Exists("/usr/sbin/rabbitmqctl") ? "/usr/sbin/rabbitmqctl" : "rabbitmqctl";

    public static string Script => Path.Combine(RepoPaths.Root, "tests", "infra", "rabbitmq.sh");

    public static Task<string> CtlAsync(string node, params string[] arguments) => RunAsync(Ctl, ["-q", "-n", node, .. arguments]);

    /// <summary>Runs a program and returns its trimmed standard output; a non-zero exit or the time limit throws.</summary>
    public static async Task<string> RunAsync(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var output = Path.GetTempFileName();
        var errors = Path.GetTempFileName();
        try
        {
            var info = new ProcessStartInfo("/bin/bash") { UseShellExecute = false };
            foreach (var argument in (string[])["-c", "out=$1; err=$2; shift 2; exec \"$@\" >\"$out\" 2>\"$err\" </dev/null", "bash", output, errors, program, .. arguments])
            {
                info.ArgumentList.Add(argument);
            }

            info.Environment["PATH"] = $"{Environment.GetEnvironmentVariable("PATH")}:/usr/sbin:/sbin";
            foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            {
                info.Environment[key] = value;
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
            using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{Describe(program, arguments)} did not finish in {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds} s.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{Describe(program, arguments)} exited with {process.ExitCode}: {await File.ReadAllTextAsync(errors)} {await File.ReadAllTextAsync(output)}".Trim());
            }

            return (await File.ReadAllTextAsync(output)).Trim();
        }
        finally
        {
            File.Delete(output);
            File.Delete(errors);
        }
    }

    /// <summary>Whether something accepts connections on the loopback port (as the infra scripts check it).</summary>
    public static bool PortInUse(int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync("127.0.0.1", port).Wait(TimeSpan.FromSeconds(1));
        }
        catch (AggregateException ex) when (ex.InnerException is SocketException)
        {
            return false;
        }
    }

    private static string Describe(string program, IReadOnlyList<string> arguments) => $"{Path.GetFileName(program)} {string.Join(' ', arguments)}";
}
