using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Klachten.Contracts;
using Klachten.Server.Tests.Support;
using Klachten.Server.Tests.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Corpus;

/// <summary>
/// Every file of <c>Corpus/Cases</c> is answered with the status it names — always 4xx — as an RFC 9457 problem
/// document; nothing is stored (<see cref="StoredState"/>: no row of any table of the server's, the notification
/// service's or the archive's database changes, and no mail file appears), and the server is ready afterwards.
/// </summary>
public abstract class BadInputCorpusTests(CorpusServerFixture fixture)
{
    [Theory]
    [MemberData(nameof(CorpusCase.All), MemberType = typeof(CorpusCase))]
    public async Task Send_MalformedRequest_Answers4xxProblemAndStoresNothing(string name)
    {
        var corpusCase = CorpusCase.Load(name);
        Assert.InRange(corpusCase.ExpectedStatus, 400, 499);
        using var client = fixture.Factory.CreateClient(apiKey: null);
        var today = AmsterdamTime.Today(fixture.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        var before = await StoredState.ReadAsync(fixture.Factory.Services);

        using var request = corpusCase.ToRequest(fixture.Values, today);
        var watch = Stopwatch.StartNew();
        using var response = await client.SendAsync(request);
        watch.Stop();

        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == corpusCase.ExpectedStatus,
            $"{name}: expected {corpusCase.ExpectedStatus}, got {(int)response.StatusCode}: {Shorten(text)}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(corpusCase.ExpectedStatus, (int)problem["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]), "problem without a title");
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["type"]), "problem without a type");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{name} took {watch.Elapsed}");
        var changed = StoredState.Differences(before, await StoredState.ReadAsync(fixture.Factory.Services));
        Assert.True(changed.Length == 0, $"{name} stored something: {changed}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    private static string Shorten(string text) => text.Length > 600 ? text[..600] + "…" : text;
}

/// <summary>One server per provider with what the corpus refers to: an open director's task that requires 'toelichting'.</summary>
public abstract class CorpusServerFixture(Provider provider) : ServerFixture(provider)
{
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    protected override async Task OnStartedAsync()
    {
        var task = await new TaskScenario(Factory).StartTaskAsync(requireExplanation: true);
        Values["task.id"] = (string)task["id"]!;
        Values["task.version"] = ((int)task["version"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class SqliteCorpusServerFixture() : CorpusServerFixture(Provider.Sqlite);

public sealed class PostgreSqlCorpusServerFixture() : CorpusServerFixture(Provider.PostgreSql);

public sealed class SqliteBadInputCorpusTests(SqliteCorpusServerFixture fixture)
    : BadInputCorpusTests(fixture), IClassFixture<SqliteCorpusServerFixture>;

public sealed class PostgreSqlBadInputCorpusTests(PostgreSqlCorpusServerFixture fixture)
    : BadInputCorpusTests(fixture), IClassFixture<PostgreSqlCorpusServerFixture>;
