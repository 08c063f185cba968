using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Compatibility;

/// <summary>
/// Elsa's HttpEndpoint and WriteHttpResponse (Elsa.Http's HttpEndpoint tests): a request under <c>/workflows</c>
/// starts the published workflow listening on that path and method, and gets the answer it writes.
/// </summary>
public abstract class HttpEndpointTests(ServerFixture fixture)
{
    private readonly HttpClient _owner = fixture.Factory.As("procesbeheerder");

    [Fact]
    public async Task Request_StartsTheWorkflow_WithTheRequestAsInput_AndGetsItsAnswer()
    {
        var path = "aanvraag-" + ElsaJson.NewDefinitionId()[2..8];
        await PublishAsync(path, "['POST']", "'Hallo ' + getInput('body').naam + ' (' + getInput('query').bron + ')'", "Created");

        using var response = await fixture.Factory.As("medewerker").PostAsync($"/api/workflows/{path}?bron=web",
            new StringContent("""{"naam":"Karin"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Hallo Karin (web)", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Request_ForAPathOrMethodNobodyListensTo_Is404_AndWithoutKeyIs401()
    {
        var path = "alleen-post-" + ElsaJson.NewDefinitionId()[2..8];
        await PublishAsync(path, "['POST']", "'ok'", "OK");

        Assert.Equal(HttpStatusCode.NotFound, (await _owner.GetAsync($"/api/workflows/{path}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _owner.PostAsync("/api/workflows/niemand-luistert", new StringContent(""))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Factory.CreateClient(apiKey: null).PostAsync($"/api/workflows/{path}", new StringContent(""))).StatusCode);
    }

    private async Task PublishAsync(string path, string methods, string content, string status)
    {
        var id = ElsaJson.NewDefinitionId();
        var endpoint = new JsonObject
        {
            ["id"] = "http", ["type"] = "Elsa.HttpEndpoint", ["version"] = 1,
            ["customProperties"] = new JsonObject { ["canStartWorkflow"] = true },
            ["path"] = Value("String", "Literal", path),
            ["supportedMethods"] = Value("String[]", "Object", methods.Replace('\'', '"')),
        };
        var answer = new JsonObject
        {
            ["id"] = "answer", ["type"] = "Elsa.WriteHttpResponse", ["version"] = 1,
            ["statusCode"] = Value("HttpStatusCode", "Literal", status),
            ["content"] = Value("Object", "JavaScript", content),
        };
        var definition = new JsonObject
        {
            ["definitionId"] = id, ["name"] = "HTTP " + id, ["version"] = 1,
            ["root"] = new JsonObject
            {
                ["id"] = "root", ["type"] = "Elsa.Flowchart", ["version"] = 1,
                ["activities"] = new JsonArray(endpoint, answer),
                ["connections"] = new JsonArray(ElsaJson.Connection("http", "Done", "answer")),
            },
        };
        using var saved = await _owner.SaveAsync(definition, publish: true);
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
    }

    private static JsonObject Value(string typeName, string syntax, string value) =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = syntax, ["value"] = value } };
}

public sealed class SqliteHttpEndpointTests(SqliteServerFixture fixture)
    : HttpEndpointTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgreSqlHttpEndpointTests(PostgreSqlServerFixture fixture)
    : HttpEndpointTests(fixture), IClassFixture<PostgreSqlServerFixture>;
