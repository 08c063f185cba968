using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Klachten.Bench;

/// <summary>The real server binary as a child process on a free loopback port, in Development (dev users, migrations at start).</summary>
internal sealed class ServerNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _sinceStart;
    private readonly StringBuilder _output = new();

    private ServerNode(Process process, Stopwatch sinceStart, Uri address)
    {
        (_process, _sinceStart, Address) = (process, sinceStart, address);
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public static ServerNode Start(string serverDll, IReadOnlyDictionary<string, string?> settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(serverDll)! };
        start.ArgumentList.Add(serverDll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        // Unprefixed, so it also wins over a "Urls" in the binary's appsettings.json (the workers have one).
        start.Environment["URLS"] = address.ToString();
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var sinceStart = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server.");
        var node = new ServerNode(process, sinceStart, address);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Polls <c>/health/ready</c> until 200; returns the time since the process started.</summary>
    public async Task<TimeSpan> WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return _sinceStart.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Server not ready (exited: {_process.HasExited}). Output:\n{Output}");
    }

    /// <summary>Resident set size in MiB, from /proc.</summary>
    public double ResidentMegabytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kilobytes / 1024;
    }

    public HttpClient As(string user) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
    {
        BaseAddress = Address,
        Timeout = TimeSpan.FromMinutes(5),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("ApiKey", $"dev-{user}") },
    };

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
