using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;
using Klachten.Testing;
using Klachten.Testing.Mail;
using Klachten.Testing.Processes;

namespace Klachten.Server.Tests.EndToEnd;

/// <summary>
/// The built <c>Klachten.NotificationWorker.dll</c> as a process of its own, the way an operator runs it, on a free
/// loopback port; it can be killed outright (SIGKILL), with no chance to finish or acknowledge anything.
/// </summary>
internal sealed class NotificationWorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ProcessOutput _output = new();

    private NotificationWorkerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int Id => _process.Id;

    /// <summary>What the process wrote so far (standard output and error).</summary>
    public string Output
    {
        get
        {
            return _output.ToString();
        }
    }

    public static string Dll { get; } = BuiltDll("NotificationWorkerDll");

    /// <summary>The archive worker's build output: the same kind of process, started with <see cref="Start(string, IReadOnlyDictionary{string, string?})"/>.</summary>
    public static string ArchiveDll { get; } = BuiltDll("ArchiveWorkerDll");

    /// <summary>Starts the worker in Development (it migrates its inbox at start) with these settings as environment.</summary>
    public static NotificationWorkerProcess Start(IReadOnlyDictionary<string, string?> settings) => Start(Dll, settings);

    public static NotificationWorkerProcess Start(string dll, IReadOnlyDictionary<string, string?> settings)
    {
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The worker is not built at {dll}.");
        }

        var port = SmtpTestServer.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var argument in new[] { dll, "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the worker.");
        var worker = new NotificationWorkerProcess(process, port);
        process.OutputDataReceived += (_, e) => worker._output.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker._output.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    private static string BuiltDll(string key) =>
        typeof(NotificationWorkerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>Waits until <c>/health/ready</c> answers 200 (inbox migrated, bus connected).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await Eventually.Until(async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The worker exited with {_process.ExitCode}: {Output}");
                }

                try
                {
                    return (await client.GetAsync("/health/ready")).StatusCode;
                }
                catch (HttpRequestException)
                {
                    return HttpStatusCode.ServiceUnavailable;
                }
            }, status => status == HttpStatusCode.OK, timeout);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}. Worker output: {Output}", ex);
        }
    }

    /// <summary>SIGKILL: the process ends at once, its connections drop, nothing it held is acknowledged.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(limit.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
