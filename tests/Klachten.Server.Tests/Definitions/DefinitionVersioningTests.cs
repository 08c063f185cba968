using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Definitions;

/// <summary>Draft → published → retracted through the Elsa API, on both providers.</summary>
public abstract class DefinitionVersioningTests(ServerFixture fixture)
{
    private readonly HttpClient _owner = fixture.Factory.As("procesbeheerder");

    [Fact]
    public async Task Save_NewDefinition_CreatesDraftVersionOne()
    {
        var id = ElsaJson.NewDefinitionId();

        var response = await _owner.SaveAsync(ElsaJson.Definition(id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = (await response.ReadObjectAsync())["workflowDefinition"]!;
        Assert.Equal(1, (int)saved["version"]!);
        Assert.False((bool)saved["isPublished"]!);
        Assert.True((bool)saved["isLatest"]!);
        Assert.Contains(saved["links"]!.AsArray(), l => (string?)l!["rel"] == "publish");
    }

    [Fact]
    public async Task Save_StudioCreateWithoutIds_GeneratesDefinitionIdAndNodeIds()
    {
        var create = new JsonObject
        {
            ["definitionId"] = null,
            ["id"] = null,
            ["name"] = "Workflow 1",
            ["variables"] = null,
            ["root"] = new JsonObject { ["id"] = "0123456789abcdef", ["type"] = "Elsa.Flowchart", ["version"] = 1, ["name"] = "Flowchart1" },
        };

        var response = await _owner.SaveAsync(create, publish: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = (await response.ReadObjectAsync())["workflowDefinition"]!;
        Assert.False(string.IsNullOrEmpty((string?)saved["definitionId"]));
        Assert.Equal("Workflow1:0123456789abcdef", (string?)saved["root"]!["nodeId"]);
        Assert.Empty(saved["root"]!["activities"]!.AsArray());
        Assert.Empty(saved["root"]!["connections"]!.AsArray());
    }

    [Fact]
    public async Task Save_DraftTwice_OverwritesTheSameDraft()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.SaveAsync(ElsaJson.Definition(id, "Eerste"));

        await _owner.SaveAsync(ElsaJson.Definition(id, "Tweede"));

        var versions = await _owner.VersionsAsync(id);
        var only = Assert.Single(versions);
        Assert.Equal("Tweede", (string?)only!["name"]);
    }

    [Fact]
    public async Task Save_AfterPublish_CreatesNewDraftAndKeepsPublishedVersion()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.SaveAsync(ElsaJson.Definition(id, "Versie 1"), publish: true);

        var response = await _owner.SaveAsync(ElsaJson.Definition(id, "Versie 2"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var versions = await _owner.VersionsAsync(id);
        Assert.Equal(2, versions.Count);
        Assert.True((bool)versions[0]!["isPublished"]!);
        Assert.False((bool)versions[0]!["isLatest"]!);
        Assert.False((bool)versions[1]!["isPublished"]!);
        Assert.True((bool)versions[1]!["isLatest"]!);
        var published = await _owner.GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-definitions/by-definition-id/{id}?versionOptions=Published");
        Assert.Equal("Versie 1", (string?)published!["name"]);
    }

    [Fact]
    public async Task Publish_NewVersion_UnpublishesPreviousAndKeepsItReadable()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.SaveAsync(ElsaJson.Definition(id, "Versie 1"), publish: true);
        await _owner.SaveAsync(ElsaJson.Definition(id, "Versie 2"));

        var response = await _owner.PublishAsync(id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var versions = await _owner.VersionsAsync(id);
        Assert.Equal([false, true], versions.Select(v => (bool)v!["isPublished"]!));
        var first = await _owner.GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-definitions/by-id/{(string?)versions[0]!["id"]}");
        Assert.Equal("Versie 1", (string?)first!["name"]);
        Assert.Equal(1, (int)first["version"]!);
    }

    [Fact]
    public async Task Publish_AlreadyPublished_Returns409AndChangesNothing()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.SaveAsync(ElsaJson.Definition(id), publish: true);
        var before = (await _owner.VersionsAsync(id)).ToJsonString();

        var response = await _owner.PublishAsync(id);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("al gepubliceerd", (string?)(await response.ReadObjectAsync())["detail"]);
        Assert.Equal(before, (await _owner.VersionsAsync(id)).ToJsonString());
    }

    [Fact]
    public async Task Retract_Published_LeavesNoPublishedVersion()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.SaveAsync(ElsaJson.Definition(id), publish: true);

        var response = await _owner.RetractAsync(id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var published = await _owner.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{id}?versionOptions=Published");
        Assert.Equal(HttpStatusCode.NotFound, published.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _owner.RetractAsync(id)).StatusCode);
    }

    [Fact]
    public async Task Publish_AfterRetract_PublishesTheRetractedVersionAgain()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.SaveAsync(ElsaJson.Definition(id), publish: true);
        await _owner.RetractAsync(id);

        var response = await _owner.PublishAsync(id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((bool)(await response.ReadObjectAsync())["workflowDefinition"]!["isPublished"]!);
    }

    [Fact]
    public async Task DeleteVersion_Draft_MakesPreviousVersionLatest()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.SaveAsync(ElsaJson.Definition(id, "Versie 1"), publish: true);
        var draft = (await (await _owner.SaveAsync(ElsaJson.Definition(id, "Versie 2"))).ReadObjectAsync())["workflowDefinition"]!;

        var response = await _owner.DeleteAsync($"/elsa/api/workflow-definition-versions/{(string?)draft["id"]}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var latest = await _owner.GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-definitions/by-definition-id/{id}?versionOptions=Latest");
        Assert.Equal(1, (int)latest!["version"]!);
        Assert.True((bool)latest["isPublished"]!);
    }

    [Fact]
    public async Task DeleteVersion_Published_Returns409()
    {
        var id = ElsaJson.NewDefinitionId();
        var published = (await (await _owner.SaveAsync(ElsaJson.Definition(id), publish: true)).ReadObjectAsync())["workflowDefinition"]!;

        var response = await _owner.DeleteAsync($"/elsa/api/workflow-definition-versions/{(string?)published["id"]}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Single(await _owner.VersionsAsync(id));
    }

    [Fact]
    public async Task DeleteDefinition_NeverPublished_RemovesIt()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.SaveAsync(ElsaJson.Definition(id));

        var response = await _owner.DeleteAsync($"/elsa/api/workflow-definitions/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _owner.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{id}")).StatusCode);
    }

    [Fact]
    public async Task Get_RoundTrip_KeepsUnknownPropertiesAndInputs()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.SaveAsync(ElsaJson.Definition(id));

        var definition = await _owner.GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-definitions/by-definition-id/{id}?versionOptions=Latest");

        Assert.True((bool)definition!["somethingUnknown"]!["kept"]!);
        var write = definition["root"]!["activities"]!.AsArray().Single(a => (string?)a!["id"] == "write")!;
        Assert.Equal("Hallo", (string?)write["text"]!["expression"]!["value"]);
        Assert.Equal("Workflow1:flow1:write", (string?)write["nodeId"]);
        Assert.Equal(10, (int)write["metadata"]!["designer"]!["position"]!["x"]!);
    }

    [Fact]
    public async Task List_LatestWithPaging_ReturnsTotalCountAndPage()
    {
        for (var i = 0; i < 3; i++)
        {
            await _owner.SaveAsync(ElsaJson.Definition(ElsaJson.NewDefinitionId(), $"Paging {i}"));
        }

        var page = await _owner.GetFromJsonAsync<JsonObject>("/elsa/api/workflow-definitions?versionOptions=Latest&Page=0&PageSize=2&SearchTerm=paging&IsSystem=False&OrderDirection=Ascending");

        Assert.Equal(2, page!["items"]!.AsArray().Count);
        Assert.True((int)page["totalCount"]! >= 3);
        Assert.Contains(page["links"]!.AsArray(), l => (string?)l!["rel"] == "bulk-publish");
    }

    [Fact]
    public async Task List_IdsWithEmptyVersionOptions_ReturnsThatVersion()
    {
        var id = ElsaJson.NewDefinitionId();
        var saved = (await (await _owner.SaveAsync(ElsaJson.Definition(id), publish: true)).ReadObjectAsync())["workflowDefinition"]!;
        await _owner.SaveAsync(ElsaJson.Definition(id, "Nieuw"));

        var list = await _owner.GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-definitions?versionOptions=&Ids={(string?)saved["id"]}");

        var item = Assert.Single(list!["items"]!.AsArray());
        Assert.Equal(1, (int)item!["version"]!);
    }

    [Fact]
    public async Task IsNameUnique_TakenName_ReturnsFalse()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.SaveAsync(ElsaJson.Definition(id, $"Uniek {id}"));

        var taken = await _owner.GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-definitions/validation/is-name-unique?name=Uniek%20{id}");
        var own = await _owner.GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-definitions/validation/is-name-unique?name=Uniek%20{id}&definitionId={id}");

        Assert.False((bool)taken!["isUnique"]!);
        Assert.True((bool)own!["isUnique"]!);
    }
}

public sealed class SqliteDefinitionVersioningTests(SqliteServerFixture fixture)
    : DefinitionVersioningTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgreSqlDefinitionVersioningTests(PostgreSqlServerFixture fixture)
    : DefinitionVersioningTests(fixture), IClassFixture<PostgreSqlServerFixture>;
