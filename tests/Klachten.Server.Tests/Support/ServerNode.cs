using System.Diagnostics;
using Klachten.Testing;
using Klachten.Testing.Processes;

namespace Klachten.Server.Tests.Support;

/// <summary>
/// The built server as a long-running process on a free loopback port, for tests that need a node to die the
/// way a real one does (<see cref="Kill"/>: no graceful stop) or that time its start-up.
/// </summary>
internal sealed class ServerNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _sinceStart;
    private readonly ProcessOutput _output = new();

    private ServerNode(Process process, Stopwatch sinceStart, Uri address)
    {
        _process = process;
        _sinceStart = sinceStart;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Everything the process wrote so far (stdout and stderr), for failure messages.</summary>
    public string Output
    {
        get
        {
            return _output.ToString();
        }
    }

    public static ServerNode Start(IReadOnlyDictionary<string, string?> settings, string environment = "Development")
    {
        var address = new Uri($"http://127.0.0.1:{LocalHost.FreePort()}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Klachten.Server.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var sinceStart = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        var node = new ServerNode(process, sinceStart, address);
        process.OutputDataReceived += (_, e) => node._output.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node._output.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200; returns the time since the process was started.</summary>
    public async Task<TimeSpan> WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await Eventually.Until(async () => !_process.HasExited && await LocalHost.IsReadyAsync(client), timeout);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"Server at {Address} not ready (exited: {_process.HasExited}). Output:\n{Output}", ex);
        }

        return _sinceStart.Elapsed;
    }

    public HttpClient As(string userName, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = timeout ?? TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"ApiKey dev-{userName}");
        return client;
    }

    /// <summary>Ends the process at once, as a crash or an OOM kill would: no graceful shutdown, no lease release.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
