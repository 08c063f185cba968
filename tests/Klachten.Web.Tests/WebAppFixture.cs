using System.Diagnostics;
using Klachten.Testing;
using Klachten.Testing.Processes;
using Microsoft.Playwright;

namespace Klachten.Web.Tests;

/// <summary>
/// The real server binary on a free Kestrel port (Development, SQLite in a temp folder, manual clock, embedded
/// notification and archive services) and one headless Debian Chromium, shared by every browser test.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    private readonly ProcessOutput _output = new();
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"klachten-web-{Guid.NewGuid():N}");
    private Process? _server;
    private IPlaywright? _playwright;

    public Uri Address { get; } = new($"http://127.0.0.1:{LocalHost.FreePort()}");

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Page load times measured by the tests (page → milliseconds), printed at the end and written to artifacts.</summary>
    public List<(string Page, double Milliseconds)> LoadTimes { get; } = [];

    public static string ArtifactsDirectory { get; } = Path.Combine(RepoRoot(), "artifacts", "screenshots");

    public string ServerOutput
    {
        get
        {
            return _output.ToString();
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        Directory.CreateDirectory(ArtifactsDirectory);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Klachten.Server.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = Address.ToString();
        start.Environment["Klachten__DataDirectory"] = _dataDirectory;
        start.Environment["Klachten__Clock"] = "Manual";
        // The tests sign in through the form many times a minute from one address; the throttle has its own tests.
        start.Environment["Klachten__Auth__Throttling__SignInAttempts"] = "1000";
        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, e) => _output.Append(e.Data);
        _server.ErrorDataReceived += (_, e) => _output.Append(e.Data);
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();

        var launch = Task.Run(async () =>
        {
            _playwright = await Playwright.CreateAsync();
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
        });
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await Eventually.Until(async () => !_server.HasExited && await LocalHost.IsReadyAsync(client), TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"Server at {Address} not ready. Output:\n{ServerOutput}", ex);
        }

        await launch;
    }

    public async Task DisposeAsync()
    {
        if (LoadTimes.Count > 0)
        {
            var lines = LoadTimes.Select(t => $"{t.Page}: {t.Milliseconds:0} ms").ToList();
            await File.WriteAllLinesAsync(Path.Combine(ArtifactsDirectory, "..", "page-load-times.txt"), lines);
            Console.WriteLine("Page load times (navigation timing, load event end):\n  " + string.Join("\n  ", lines));
        }

        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the dying server; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>A client with the API key of a seeded Development user, for setting up state quickly.</summary>
    public HttpClient Api(string userName)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"ApiKey dev-{userName}");
        return client;
    }
    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KlachtenWorkflow.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? AppContext.BaseDirectory;
    }
}

[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web app";
}
