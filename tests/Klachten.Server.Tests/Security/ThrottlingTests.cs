using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;
using Klachten.Server.Tests.Web;

namespace Klachten.Server.Tests.Security;

/// <summary>
/// Issue 13 item 4: sign-in attempts and failed API-key/bearer authentications are throttled per client (429 with
/// Retry-After), a user name is locked after repeated failures (Dutch message, lifted when the clock moves past it),
/// and a failure costs the same whether the name exists or not.
/// </summary>
public sealed class ThrottlingTests
{
    private static Dictionary<string, string> Attempt(string user, string password) =>
        new() { ["gebruikersnaam"] = user, ["wachtwoord"] = password, ["returnUrl"] = "/" };

    [Fact]
    public async Task SignIn_MoreAttemptsThanAllowed_Answers429WithRetryAfterAndADutchPage()
    {
        await using var server = await ThrottledServer.StartAsync(new() { ["Klachten:Auth:Throttling:SignInAttempts"] = "3" });
        using var session = WebSession.Anonymous(server.Factory);
        for (var i = 0; i < 3; i++)
        {
            using var refused = await session.PostFormAsync("/aanmelden", "/aanmelden", Attempt("medewerker", "fout"));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("De gebruikersnaam of het wachtwoord klopt niet.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        session.Client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        using var throttled = await session.PostFormAsync("/aanmelden", "/aanmelden", Attempt("medewerker", "medewerker"));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.InRange(int.Parse(throttled.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Contains("Te veel pogingen vanaf dit adres", await throttled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("text/html", throttled.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("ApiKey")]
    [InlineData("Bearer")]
    public async Task Authentication_RepeatedFailures_Answers429ProblemAndBlocksEvenAValidKeyFromThatClient(string scheme)
    {
        await using var server = await ThrottledServer.StartAsync(new() { ["Klachten:Auth:Throttling:FailedAuthentications"] = "5" });
        using var wrong = server.Factory.CreateClient();
        wrong.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"{scheme} geen-geldige-sleutel");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/tasks")).StatusCode);
        }

        using var throttled = await wrong.GetAsync("/api/tasks");
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("application/problem+json", throttled.Content.Headers.ContentType?.MediaType);
        var problem = await throttled.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(429, (int)problem!["status"]!);
        Assert.Equal("Te veel verzoeken", (string?)problem["title"]);
        Assert.True(int.Parse(throttled.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);

        // The in-process test client is one client: its valid key waits for the window too.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await server.Factory.As("directeur").GetAsync("/api/tasks")).StatusCode);
    }

    [Fact]
    public async Task Authentication_ValidKeys_AreNeverCounted()
    {
        await using var server = await ThrottledServer.StartAsync(new() { ["Klachten:Auth:Throttling:FailedAuthentications"] = "2" });
        using var client = server.Factory.As("directeur");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tasks")).StatusCode);
        }
    }

    [Fact]
    public async Task SignIn_RepeatedWrongPasswords_LocksTheNameUntilTheClockPassesTheLockout()
    {
        await using var server = await ThrottledServer.StartAsync(new()
        {
            ["Klachten:Auth:Throttling:LockoutFailures"] = "3",
            ["Klachten:Auth:Throttling:LockoutDuration"] = "00:15:00",
        });
        using var session = WebSession.Anonymous(server.Factory);
        for (var i = 0; i < 3; i++)
        {
            using var _ = await session.PostFormAsync("/aanmelden", "/aanmelden", Attempt("directeur", "fout"));
        }

        // Locked: even the right password does not sign in, and the page says why in Dutch.
        using var locked = await session.PostFormAsync("/aanmelden", "/aanmelden", Attempt("directeur", "directeur"));
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen.", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A name that does not exist is locked the same way, so a lockout tells nothing about which names exist.
        for (var i = 0; i < 3; i++)
        {
            using var _ = await session.PostFormAsync("/aanmelden", "/aanmelden", Attempt("niemand", "fout"));
        }

        using var unknown = await session.PostFormAsync("/aanmelden", "/aanmelden", Attempt("niemand", "fout"));
        Assert.Contains("Dit account is tijdelijk geblokkeerd", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Another name is not affected.
        using (var other = await session.PostFormAsync("/aanmelden", "/aanmelden", Attempt("commissie", "commissie")))
        {
            Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        }

        await server.MoveClockAsync(TimeSpan.FromMinutes(16));
        using var signedIn = await WebSession.Anonymous(server.Factory).PostFormAsync("/aanmelden", "/aanmelden", Attempt("directeur", "directeur"));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task SignIn_WrongPassword_TakesAsLongForAnUnknownNameAsForAKnownOne()
    {
        await using var server = await ThrottledServer.StartAsync(new()
        {
            ["Klachten:Auth:Throttling:LockoutFailures"] = "1000",
            ["Klachten:Auth:Throttling:SignInAttempts"] = "1000",
        });
        using var session = WebSession.Anonymous(server.Factory);
        var token = await session.TokenAsync("/aanmelden");
        var known = new List<double>();
        var unknown = new List<double>();
        // Interleaved, so a busy machine slows both alike; the first pair warms up.
        for (var i = 0; i < 8; i++)
        {
            var k = await TimeAsync(session, token, "medewerker");
            var u = await TimeAsync(session, token, $"onbekend{i}");
            if (i > 0)
            {
                known.Add(k);
                unknown.Add(u);
            }
        }

        var ratio = Median(unknown) / Median(known);
        // Before the fix an unknown name answered in about a tenth of the time (no password hash was checked).
        Assert.True(ratio is > 0.5 and < 2.0, $"unknown/known median time ratio {ratio:0.00} (known {Median(known):0.0} ms, unknown {Median(unknown):0.0} ms)");
    }

    private static async Task<double> TimeAsync(WebSession session, string token, string user)
    {
        var fields = Attempt(user, "fout").Append(new KeyValuePair<string, string>(WebSession.TokenField, token));
        var watch = Stopwatch.StartNew();
        using var response = await session.Client.PostAsync("/aanmelden", new FormUrlEncodedContent(fields));
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}

/// <summary>A Development server on SQLite with the manual clock and the given throttling settings.</summary>
internal sealed class ThrottledServer : IAsyncDisposable
{
    private readonly TestDatabase _database;

    private ThrottledServer(TestDatabase database, KlachtenFactory factory)
    {
        _database = database;
        Factory = factory;
    }

    public KlachtenFactory Factory { get; }

    public static async Task<ThrottledServer> StartAsync(Dictionary<string, string?> throttling)
    {
        var database = await TestDatabase.CreateAsync(Provider.Sqlite, "throttling");
        var settings = database.Settings();
        settings["Klachten:Clock"] = "Manual";
        foreach (var (key, value) in throttling)
        {
            settings[key] = value;
        }

        var factory = new KlachtenFactory(settings);
        _ = factory.Server;
        return new ThrottledServer(database, factory);
    }

    public async Task MoveClockAsync(TimeSpan by)
    {
        using var beheerder = Factory.As("beheerder");
        var now = (await beheerder.GetFromJsonAsync<JsonObject>("/api/dev/clock"))!["now"]!.GetValue<DateTimeOffset>();
        var response = await beheerder.PostAsync("/api/dev/clock", ElsaJson.Body(new JsonObject { ["now"] = now + by }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _database.DisposeAsync();
    }
}
