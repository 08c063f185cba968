using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Klachten.Testing;
using Klachten.Testing.Processes;

namespace Klachten.Studio.Tests;

/// <summary>The built server as a process on a free loopback port (Development, SQLite in a throwaway folder).</summary>
internal sealed class StudioServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ProcessOutput _output = new();
    private readonly string _dataDirectory;

    private StudioServer(Process process, Uri address, string dataDirectory)
    {
        _process = process;
        Address = address;
        _dataDirectory = dataDirectory;
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            return _output.ToString();
        }
    }

    public static async Task<StudioServer> StartAsync()
    {
        var address = new Uri($"http://127.0.0.1:{LocalHost.FreePort()}");
        var data = Path.Combine(Path.GetTempPath(), "klachten-studio-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Klachten.Server.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["Klachten__DataDirectory"] = data;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        var server = new StudioServer(process, address, data);
        process.OutputDataReceived += (_, e) => server._output.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server._output.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await Eventually.Until(async () => !process.HasExited && await LocalHost.IsReadyAsync(client), TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"Server not ready. Output:\n{server.Output}", ex);
        }

        return server;
    }

    /// <summary>An API client acting as a seeded Development user (API key <c>dev-&lt;user&gt;</c>).</summary>
    public HttpClient As(string userName)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", "dev-" + userName);
        return client;
    }

    public async Task<JsonNode> GetJsonAsync(string userName, string path)
    {
        using var client = As(userName);
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the folder is under the temp directory.
        }
    }
}
