using Microsoft.Playwright;

namespace Klachten.Studio.Tests;

/// <summary>
/// One server and one Chromium for every Studio test: Blazor WASM boots slowly on two cores, so the expensive parts
/// are shared. The first page load of the run is measured cold (empty browser cache) and again warm.
/// </summary>
public sealed class StudioFixture : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    internal StudioServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Folder for screenshots and measurements (git-ignored artifacts/).</summary>
    public static string ArtifactsDirectory { get; } = FindArtifacts();

    public async Task InitializeAsync()
    {
        Server = await StudioServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (empty cache) signed in with the given user's API key.</summary>
    public async Task<IBrowserContext> NewContextAsync(string userName = "procesbeheerder")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
            Locale = "nl-NL",
        });
        await context.AddInitScriptAsync($"sessionStorage.setItem('klachten.studio.apiKey', 'dev-{userName}');");
        context.SetDefaultTimeout(60_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    private static string FindArtifacts()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KlachtenWorkflow.sln")))
            {
                return Path.Combine(dir.FullName, "artifacts");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "artifacts");
    }
}

[CollectionDefinition(Name)]
public sealed class StudioCollection : ICollectionFixture<StudioFixture>
{
    public const string Name = "Studio";
}
