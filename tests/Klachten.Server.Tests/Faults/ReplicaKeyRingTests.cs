using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Klachten.Server.Tests.Support;
using Xunit.Abstractions;

namespace Klachten.Server.Tests.Faults;

/// <summary>
/// Issue 14 item 2: two server processes on one PostgreSQL database and nothing else in common (each its own home
/// folder, where ASP.NET Core would keep a key ring of its own, and its own data folder), as Kubernetes replicas without
/// a shared volume or cookie affinity. What one issues (anti-forgery token, session cookie, Studio token) the other
/// accepts, also after the issuer is killed. Development (the local accounts), with the key-ring certificate set as
/// production requires it.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed partial class ReplicaKeyRingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<string> _folders = [];
    private TestDatabase _database = null!;
    private ServerNode _a = null!;
    private ServerNode _b = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider.PostgreSql, nameof(ReplicaKeyRingTests));

        // One after the other, as a rollout starts them: the first migrates and makes the first key.
        _a = ServerNode.Start(NodeSettings("replica-a"));
        var readyA = await _a.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        _b = ServerNode.Start(NodeSettings("replica-b"));
        var readyB = await _b.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        output.WriteLine($"Replica A ready in {readyA.TotalSeconds:0.0} s, replica B in {readyB.TotalSeconds:0.0} s");
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _database.DisposeAsync();
        _folders.ForEach(f => Directory.Delete(f, recursive: true));
    }

    [Fact]
    public async Task SignIn_FormFromOneReplicaPostedToTheOther_SessionValidOnBothAndAfterTheIssuerIsKilled()
    {
        // One browser behind a load balancer: one cookie jar (cookies ignore the port), requests to either replica.
        var cookies = new CookieContainer();
        using var toA = Browser(_a, cookies);
        using var toB = Browser(_b, cookies);

        var form = await toA.GetStringAsync("/aanmelden");
        var token = WebUtility.HtmlDecode(TokenInput().Match(form).Groups[1].Value);
        using var signIn = await toB.PostAsync("/aanmelden", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["gebruikersnaam"] = "directeur",
            ["wachtwoord"] = "directeur",
            ["returnUrl"] = "/",
            ["__af"] = token,
        }));
        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"The anti-forgery token of A posted to B: {(int)signIn.StatusCode}");
        Assert.Contains(cookies.GetAllCookies(), c => c.Name == "klachten.sessie");

        Assert.Equal(HttpStatusCode.OK, (await toA.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await toB.GetAsync("/")).StatusCode);

        _b.Kill();
        using var afterKill = await toA.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, afterKill.StatusCode);
    }

    [Fact]
    public async Task StudioToken_IssuedByOneReplica_IsAcceptedByTheOther()
    {
        using var issuer = _a.As("procesbeheerder");
        var token = (await issuer.GetFromJsonAsync<JsonObject>("/studio/token"))!["token"]!.GetValue<string>();

        using var other = new HttpClient { BaseAddress = _b.Address };
        other.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        using var accepted = await other.GetAsync("/elsa/api/workflow-definitions");
        using var forged = new HttpClient { BaseAddress = _b.Address };
        forged.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Bearer {token[..^4]}AAAA");
        using var refused = await forged.GetAsync("/elsa/api/workflow-definitions");

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static HttpClient Browser(ServerNode node, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(30) };

    private Dictionary<string, string?> NodeSettings(string name)
    {
        var home = Directory.CreateTempSubdirectory($"klachten-{name}-home-").FullName;
        var data = Directory.CreateTempSubdirectory($"klachten-{name}-data-").FullName;
        _folders.AddRange([home, data]);
        var settings = _database.Settings();
        settings["HOME"] = home;
        settings["Klachten:DataDirectory"] = data;
        settings["Klachten:Runtime:NodeName"] = name;
        settings["Klachten:Outbox:NodeName"] = name;
        settings["Logging:LogLevel:Default"] = "Warning";
        return settings;
    }

    [GeneratedRegex("""<input[^>]*name="__af"[^>]*value="([^"]+)"[^>]*>""")]
    private static partial Regex TokenInput();
}
