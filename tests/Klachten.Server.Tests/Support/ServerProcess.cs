using System.Diagnostics;
using System.Text;

namespace Klachten.Server.Tests.Support;

/// <summary>Runs the built server as its own process, the way an operator starts it.</summary>
internal static class ServerProcess
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(string[] args, IReadOnlyDictionary<string, string?> settings, string environment, TimeSpan? timeout = null)
    {
        var serverDll = Path.Combine(AppContext.BaseDirectory, "Klachten.Server.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(serverDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Server process did not exit: {await stdout}{await stderr}");
        }

        output.Append(await stdout).Append(await stderr);
        return new Result(process.ExitCode, output.ToString());
    }
}
