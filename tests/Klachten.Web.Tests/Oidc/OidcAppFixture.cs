using System.Diagnostics;
using Klachten.Testing;
using Klachten.Testing.Processes;
using Klachten.Testing.Security;
using Microsoft.Playwright;

namespace Klachten.Web.Tests.Oidc;

/// <summary>
/// The real server binary as in production (Production environment, migrated with <c>--migrate</c> first, no local
/// accounts) signing staff in through <see cref="TestOidcProvider"/>, and one headless Debian Chromium.
/// </summary>
public sealed class OidcAppFixture : IAsyncLifetime
{
    /// <summary>Maps to directeur through <c>RoleMap</c>; <c>alle-medewerkers</c> is mapped by no entry.</summary>
    public const string Director = "dina.devries";

    /// <summary>Only in groups that map to no role.</summary>
    public const string Guest = "gijs.gast";

    /// <summary>In the group <c>klachtencommissie</c>, a role name itself; for the administration tests only.</summary>
    public const string CommitteeMember = "kim.kommissie";

    /// <summary>Only in groups that map to no role; a beheerder gives a role in the administration tests.</summary>
    public const string Newcomer = "nina.nieuw";

    /// <summary>The bootstrap key of the user <c>beheer</c> (beheerder), as a production install gets it.</summary>
    public const string AdministratorKey = "oidc-test-beheer-sleutel-0123456789";

    private readonly ProcessOutput _output = new();
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"klachten-oidc-{Guid.NewGuid():N}");
    private Process? _server;
    private IPlaywright? _playwright;

    public Uri Address { get; } = new($"http://127.0.0.1:{LocalHost.FreePort()}");

    internal TestOidcProvider Provider { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string ServerOutput => _output.ToString();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        Provider = await TestOidcProvider.StartAsync(LocalHost.FreePort(), Address,
        [
            new ProviderUser("sub-dina", Director, "Dina de Vries", ["klachten-directeuren", "alle-medewerkers"]),
            new ProviderUser("sub-gijs", Guest, "Gijs Gast", ["alle-medewerkers"]),
            new ProviderUser("sub-kim", CommitteeMember, "Kim Kommissie", ["klachtencommissie"]),
            new ProviderUser("sub-nina", Newcomer, "Nina Nieuw", ["alle-medewerkers"]),
        ]);
        var launch = LaunchBrowserAsync();
        var warmUp = Provider.WarmUpAsync();

        using (var migrate = Process.Start(ServerStart("--migrate"))!)
        {
            await WaitForExitAsync(migrate, "--migrate");
        }

        _server = Process.Start(ServerStart())!;
        _server.OutputDataReceived += (_, e) => _output.Append(e.Data);
        _server.ErrorDataReceived += (_, e) => _output.Append(e.Data);
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
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
        await warmUp;
    }

    /// <summary>The API as the bootstrap beheerder.</summary>
    public HttpClient Administrator()
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"ApiKey {AdministratorKey}");
        return client;
    }

    /// <summary>A fresh browser context: no cookies of the app or of the provider.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Address.ToString(), Locale = "nl-NL" });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Fills in the provider's login form the browser was sent to, and waits until it is back on a page of the staff
    /// app; returns the time from the click to that page's load (code exchange, userinfo, cookie, the page).
    /// </summary>
    public async Task<TimeSpan> LogInAtProviderAsync(IPage page, string userName)
    {
        await page.WaitForURLAsync(url => url.StartsWith(new Uri(Provider.Issuer, "/login").AbsoluteUri, StringComparison.Ordinal));
        await page.GetByLabel("User name").FillAsync(userName);
        var back = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).Authority == Address.Authority && !new Uri(url).AbsolutePath.StartsWith("/signin-oidc", StringComparison.Ordinal));
        return back.Elapsed;
    }

    private ProcessStartInfo ServerStart(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Klachten.Server.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = Address.ToString();
        start.Environment["Klachten__DataDirectory"] = _dataDirectory;
        start.Environment["Klachten__DataProtection__CertificatePath"] = TestCertificates.SharedPfxPath;
        start.Environment["Klachten__DataProtection__CertificatePassword"] = TestCertificates.Password;
        start.Environment["Klachten__Auth__Oidc__Authority"] = Provider.Issuer.AbsoluteUri;
        start.Environment["Klachten__Auth__Oidc__ClientId"] = TestOidcProvider.ClientId;
        start.Environment["Klachten__Auth__Oidc__ClientSecret"] = TestOidcProvider.ClientSecret;
        start.Environment["Klachten__Auth__Oidc__RequireHttpsMetadata"] = "false";
        start.Environment["Klachten__Auth__Oidc__RoleClaim"] = "groups";
        // The form the operations guide documents: one variable per provider group.
        start.Environment["Klachten__Auth__Oidc__RoleMap__klachten-directeuren"] = "directeur";
        start.Environment["Klachten__Auth__BootstrapApiKey"] = AdministratorKey;
        return start;
    }

    public async Task DisposeAsync()
    {
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
        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the dying server; the temp folder is cleaned by the OS.
        }
    }

    private async Task LaunchBrowserAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    private static async Task WaitForExitAsync(Process process, string what)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Server {what} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }
}

/// <summary>Runs alone, after the other browser tests: a second server and Chromium at once would only slow both down.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OidcCollection : ICollectionFixture<OidcAppFixture>
{
    public const string Name = "web app with OpenID Connect";
}
