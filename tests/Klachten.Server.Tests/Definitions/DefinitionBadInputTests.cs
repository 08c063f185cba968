using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Definitions;

/// <summary>Every bad request gets a 4xx problem document and leaves the store as it was.</summary>
public abstract class DefinitionBadInputTests(ServerFixture fixture)
{
    private readonly HttpClient _owner = fixture.Factory.As("procesbeheerder");

    [Fact]
    public Task Save_MalformedJson_Returns400() =>
        AssertRejectedAsync(new StringContent("{\"model\": {\"name\": \"x\",", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, "geen geldige JSON");

    [Fact]
    public Task Save_UnknownActivityType_Returns400NamingTheType() =>
        AssertRejectedAsync(ElsaJson.Body(ElsaJson.SaveRequest(ElsaJson.Definition(ElsaJson.NewDefinitionId(), writeLineType: "Elsa.DownloadHttpFile"))),
            HttpStatusCode.BadRequest, "Elsa.DownloadHttpFile");

    [Fact]
    public Task Save_MissingRoot_Returns400()
    {
        var model = ElsaJson.Definition(ElsaJson.NewDefinitionId());
        model.Remove("root");
        return AssertRejectedAsync(ElsaJson.Body(ElsaJson.SaveRequest(model)), HttpStatusCode.BadRequest, "hoofdactiviteit");
    }

    [Fact]
    public Task Save_MissingModel_Returns400() =>
        AssertRejectedAsync(ElsaJson.Body(new JsonObject { ["publish"] = true }), HttpStatusCode.BadRequest, "model");

    [Fact]
    public Task Save_WrongShape_Returns400()
    {
        var model = ElsaJson.Definition(ElsaJson.NewDefinitionId());
        model["root"]!["activities"] = "geen lijst";
        return AssertRejectedAsync(ElsaJson.Body(ElsaJson.SaveRequest(model)), HttpStatusCode.BadRequest, "definitie");
    }

    [Fact]
    public Task Save_BrokenConnection_Returns400()
    {
        var model = ElsaJson.Definition(ElsaJson.NewDefinitionId());
        model["root"]!["connections"]!.AsArray().Add(ElsaJson.Connection("write", "Done", "nergens"));
        return AssertRejectedAsync(ElsaJson.Body(ElsaJson.SaveRequest(model)), HttpStatusCode.BadRequest, "nergens");
    }

    [Fact]
    public Task Save_FiveMegabyteBody_Returns413()
    {
        var model = ElsaJson.Definition(ElsaJson.NewDefinitionId());
        model["description"] = new string('x', 5 * 1024 * 1024);
        return AssertRejectedAsync(ElsaJson.Body(ElsaJson.SaveRequest(model)), HttpStatusCode.RequestEntityTooLarge, "groter dan");
    }

    [Fact]
    public Task Save_WrongContentType_Returns415() =>
        AssertRejectedAsync(new StringContent("{}", Encoding.UTF8, "text/plain"), HttpStatusCode.UnsupportedMediaType, "application/json");

    [Fact]
    public Task Save_PublishNotBoolean_Returns400()
    {
        var request = ElsaJson.SaveRequest(ElsaJson.Definition(ElsaJson.NewDefinitionId()));
        request["publish"] = "ja";
        return AssertRejectedAsync(ElsaJson.Body(request), HttpStatusCode.BadRequest, "publish");
    }

    [Fact]
    public async Task Publish_Twice_SecondReturns409WithDutchProblem()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.SaveAsync(ElsaJson.Definition(id));
        Assert.Equal(HttpStatusCode.OK, (await _owner.PublishAsync(id)).StatusCode);
        var before = (await _owner.VersionsAsync(id)).ToJsonString();

        var response = await _owner.PublishAsync(id);

        await AssertProblemAsync(response, HttpStatusCode.Conflict, "al gepubliceerd");
        Assert.Equal(before, (await _owner.VersionsAsync(id)).ToJsonString());
    }

    [Fact]
    public async Task Publish_UnknownDefinition_Returns404Problem() =>
        await AssertProblemAsync(await _owner.PublishAsync("bestaat-niet"), HttpStatusCode.NotFound, "bestaat niet");

    [Fact]
    public async Task Get_UnknownVersionOptions_Returns400Problem() =>
        await AssertProblemAsync(await _owner.GetAsync("/elsa/api/workflow-definitions?versionOptions=Soms"), HttpStatusCode.BadRequest, "Soms");

    [Fact]
    public async Task List_PageSizeNotANumber_Returns400Problem() =>
        await AssertProblemAsync(await _owner.GetAsync("/elsa/api/workflow-definitions?PageSize=tien"), HttpStatusCode.BadRequest, null);

    [Fact]
    public async Task List_PageSizeTooLarge_Returns400Problem() =>
        await AssertProblemAsync(await _owner.GetAsync("/elsa/api/workflow-definitions?Page=0&PageSize=100000"), HttpStatusCode.BadRequest, "PageSize");

    private async Task AssertRejectedAsync(HttpContent content, HttpStatusCode expected, string? detailContains)
    {
        var before = await CountVersionsAsync();

        var response = await _owner.PostAsync("/elsa/api/workflow-definitions", content);

        await AssertProblemAsync(response, expected, detailContains);
        Assert.Equal(before, await CountVersionsAsync());
    }

    private async Task<int> CountVersionsAsync()
    {
        var list = await _owner.GetFromJsonAsync<JsonObject>("/elsa/api/workflow-definitions?versionOptions=AllVersions");
        return (int)list!["totalCount"]!;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string? textContains)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadObjectAsync();
        Assert.Equal((int)expected, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
        Assert.DoesNotContain("error", (string?)problem["title"], StringComparison.OrdinalIgnoreCase);
        if (textContains is not null)
        {
            Assert.Contains(textContains, problem.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        }
    }
}

public sealed class SqliteDefinitionBadInputTests(SqliteServerFixture fixture)
    : DefinitionBadInputTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgreSqlDefinitionBadInputTests(PostgreSqlServerFixture fixture)
    : DefinitionBadInputTests(fixture), IClassFixture<PostgreSqlServerFixture>;
