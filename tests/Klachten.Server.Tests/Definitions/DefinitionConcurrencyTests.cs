using System.Net;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Definitions;

/// <summary>Parallel requests on one definition never produce two published (or two draft) versions.</summary>
public abstract class DefinitionConcurrencyTests(ServerFixture fixture)
{
    private const int Parallel = 8;
    private readonly KlachtenFactory _factory = fixture.Factory;

    [Fact]
    public async Task Publish_ParallelRequests_ExactlyOneSucceeds()
    {
        var id = ElsaJson.NewDefinitionId();
        await _factory.As("procesbeheerder").SaveAsync(ElsaJson.Definition(id));
        var clients = Enumerable.Range(0, Parallel).Select(_ => _factory.As("procesbeheerder")).ToList();

        var responses = await Task.WhenAll(clients.Select(c => c.PublishAsync(id)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(Parallel - 1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var versions = await clients[0].VersionsAsync(id);
        Assert.Single(versions, v => (bool)v!["isPublished"]!);
    }

    [Fact]
    public async Task SaveAndPublish_ParallelRequests_LeaveOnePublishedOneLatest()
    {
        var id = ElsaJson.NewDefinitionId();
        var owner = _factory.As("procesbeheerder");
        await owner.SaveAsync(ElsaJson.Definition(id), publish: true);

        var responses = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(i =>
            _factory.As("procesbeheerder").SaveAsync(ElsaJson.Definition(id, $"Parallel {i}"), publish: i % 2 == 0)));

        // Saves queue on the definition's lock, so each one succeeds in turn (a 409 for all would leave the state as it was).
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, Parallel), responses.Select(r => r.StatusCode));
        var versions = await owner.VersionsAsync(id);
        Assert.Single(versions, v => (bool)v!["isPublished"]!);
        Assert.Single(versions, v => (bool)v!["isLatest"]!);
        Assert.True(versions.Count(v => !(bool)v!["isPublished"]! && (bool)v["isLatest"]!) <= 1);
        Assert.Equal(Enumerable.Range(1, versions.Count), versions.Select(v => (int)v!["version"]!));
    }

    [Fact]
    public async Task Create_SameNewDefinitionIdInParallel_StoresOneDefinition()
    {
        var id = ElsaJson.NewDefinitionId();

        var responses = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(i =>
            _factory.As("procesbeheerder").SaveAsync(ElsaJson.Definition(id, $"Gelijktijdig {i}"))));

        // Creators of one new definition queue on its lock instead of racing on the key: every save succeeds, one draft.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, Parallel), responses.Select(r => r.StatusCode));
        var versions = await _factory.As("procesbeheerder").VersionsAsync(id);
        Assert.Single(versions);
    }
}

public sealed class SqliteDefinitionConcurrencyTests(SqliteServerFixture fixture)
    : DefinitionConcurrencyTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgreSqlDefinitionConcurrencyTests(PostgreSqlServerFixture fixture)
    : DefinitionConcurrencyTests(fixture), IClassFixture<PostgreSqlServerFixture>;
