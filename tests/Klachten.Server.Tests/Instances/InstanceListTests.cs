using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Instances;

/// <summary><c>POST /elsa/api/workflow-instances</c>: Studio's instance list with its body filter, on both providers.</summary>
public abstract class InstanceListTests(ManualClockServerFixture fixture)
{
    private readonly HttpClient _owner = fixture.Factory.As("procesbeheerder");

    [Fact]
    public async Task List_ByDefinitionIdWithSmallPage_ReturnsPageAndTotalCount()
    {
        var (id, _) = await PublishWaitingAsync();
        for (var i = 0; i < 3; i++)
        {
            await _owner.StartAsync(id);
        }

        var other = await PublishWaitingAsync();
        await _owner.StartAsync(other.Id);

        var list = await ListAsync(new JsonObject { ["definitionId"] = id, ["page"] = 0, ["pageSize"] = 2 });

        Assert.Equal(3, (int)list["totalCount"]!);
        Assert.Equal(2, list["items"]!.AsArray().Count);
        Assert.All(list["items"]!.AsArray(), item => Assert.Equal(id, (string?)item!["definitionId"]));
    }

    [Fact]
    public async Task List_SecondPage_ReturnsTheRest()
    {
        var (id, _) = await PublishWaitingAsync();
        for (var i = 0; i < 3; i++)
        {
            await _owner.StartAsync(id);
        }

        var list = await ListAsync(new JsonObject { ["definitionIds"] = new JsonArray(id), ["page"] = 1, ["pageSize"] = 2 });

        Assert.Single(list["items"]!.AsArray());
        Assert.Equal(3, (int)list["totalCount"]!);
    }

    [Fact]
    public async Task List_StudioBody_ReturnsElsaSummaries()
    {
        var (id, _) = await PublishWaitingAsync();
        var instanceId = await _owner.StartAsync(id, correlationId: "corr-studio");
        var body = JsonNode.Parse($$"""
            {"page": 0, "pageSize": 10, "searchTerm": "", "definitionId": null, "definitionIds": ["{{id}}"], "correlationId": null,
             "version": null, "hasIncidents": null, "isSystem": false, "status": null, "statuses": [], "subStatus": null,
             "subStatuses": [], "orderBy": null, "orderDirection": "Descending", "timestampFilters": []}
            """)!.AsObject();

        var item = Assert.Single((await ListAsync(body))["items"]!.AsArray())!;

        Assert.Equal(instanceId, (string?)item["id"]);
        Assert.Equal("Running", (string?)item["status"]);
        Assert.Equal("Suspended", (string?)item["subStatus"]);
        Assert.Equal("corr-studio", (string?)item["correlationId"]);
        Assert.Equal(1, (int)item["version"]!);
        Assert.Equal($"Instanties {id}", (string?)item["name"]);
        Assert.Equal(0, (int)item["incidentCount"]!);
        Assert.False(string.IsNullOrEmpty((string?)item["definitionVersionId"]));
        Assert.NotNull(item["createdAt"]);
    }

    [Fact]
    public async Task List_BySubStatuses_ReturnsOnlyMatchingInstances()
    {
        var (id, eventName) = await PublishWaitingAsync();
        var waiting = await _owner.StartAsync(id);
        var done = await _owner.StartAsync(id);
        await _owner.TriggerAsync(eventName, done);

        var suspended = await ListAsync(new JsonObject { ["definitionId"] = id, ["subStatuses"] = new JsonArray("Suspended") });
        var finished = await ListAsync(new JsonObject { ["definitionId"] = id, ["statuses"] = new JsonArray("finished") });

        Assert.Equal(waiting, (string?)Assert.Single(suspended["items"]!.AsArray())!["id"]);
        Assert.Equal(done, (string?)Assert.Single(finished["items"]!.AsArray())!["id"]);
    }

    [Fact]
    public async Task List_SearchTermOnCorrelationId_FindsInstance()
    {
        var (id, _) = await PublishWaitingAsync();
        await _owner.StartAsync(id);
        var correlation = "dossier-" + Guid.NewGuid().ToString("N")[..8];
        var wanted = await _owner.StartAsync(id, correlation);

        var list = await ListAsync(new JsonObject { ["searchTerm"] = correlation.ToUpperInvariant() });

        Assert.Equal(wanted, (string?)Assert.Single(list["items"]!.AsArray())!["id"]);
    }

    [Fact]
    public async Task List_ByCorrelationId_FindsInstance()
    {
        var (id, _) = await PublishWaitingAsync();
        await _owner.StartAsync(id);
        var wanted = await _owner.StartAsync(id, "corr-exact-" + id);

        var list = await ListAsync(new JsonObject { ["correlationId"] = "corr-exact-" + id });

        Assert.Equal(wanted, (string?)Assert.Single(list["items"]!.AsArray())!["id"]);
    }

    [Fact]
    public async Task List_HasIncidents_ReturnsFaultedInstanceWithIncidentCount()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.PublishAsync(InstanceFlows.Faulting(id));
        var faulted = await _owner.StartAsync(id);
        var (waitingId, _) = await PublishWaitingAsync();
        await _owner.StartAsync(waitingId);

        var list = await ListAsync(new JsonObject { ["definitionIds"] = new JsonArray(id, waitingId), ["hasIncidents"] = true });

        var item = Assert.Single(list["items"]!.AsArray())!;
        Assert.Equal(faulted, (string?)item["id"]);
        Assert.Equal("Faulted", (string?)item["subStatus"]);
        Assert.Equal(1, (int)item["incidentCount"]!);
    }

    [Fact]
    public async Task List_ByVersion_ReturnsInstancesOfThatVersionOnly()
    {
        var (id, eventName) = await PublishWaitingAsync();
        await _owner.StartAsync(id);
        await _owner.PublishAsync(InstanceFlows.Waiting(id, eventName));
        var second = await _owner.StartAsync(id);

        var list = await ListAsync(new JsonObject { ["definitionId"] = id, ["version"] = 2 });

        Assert.Equal(second, (string?)Assert.Single(list["items"]!.AsArray())!["id"]);
    }

    [Fact]
    public async Task List_OrderByNameAscending_SortsByName()
    {
        var first = ElsaJson.NewDefinitionId();
        var second = ElsaJson.NewDefinitionId();
        var a = InstanceFlows.Waiting(first, "e-" + first);
        a["name"] = $"A {first}";
        var b = InstanceFlows.Waiting(second, "e-" + second);
        b["name"] = $"B {first}";
        await _owner.PublishAsync(b);
        await _owner.PublishAsync(a);
        await _owner.StartAsync(second);
        await _owner.StartAsync(first);

        var list = await ListAsync(new JsonObject { ["definitionIds"] = new JsonArray(first, second), ["orderBy"] = "Name", ["orderDirection"] = "Ascending" });

        Assert.Equal([$"A {first}", $"B {first}"], list["items"]!.AsArray().Select(i => (string?)i!["name"]));
    }

    [Fact]
    public async Task List_IsSystem_ReturnsNothing()
    {
        var (id, _) = await PublishWaitingAsync();
        await _owner.StartAsync(id);

        var list = await ListAsync(new JsonObject { ["definitionId"] = id, ["isSystem"] = true });

        Assert.Equal(0, (int)list["totalCount"]!);
    }

    [Theory]
    [InlineData("""{"statuses": ["Sleeping"]}""", "statuses")]
    [InlineData("""{"subStatus": "Bogus"}""", "subStatus")]
    [InlineData("""{"orderBy": "Colour"}""", "orderBy")]
    [InlineData("""{"pageSize": 0}""", "pageSize")]
    [InlineData("""{"page": "one"}""", "page")]
    [InlineData("""{"definitionIds": "not-a-list"}""", "definitionIds")]
    public async Task List_InvalidField_Returns400ProblemNamingField(string body, string field)
    {
        var response = await _owner.PostAsync("/elsa/api/workflow-instances", ElsaJson.Body(JsonNode.Parse(body)!));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull((await response.ReadObjectAsync())["errors"]![field]);
    }

    [Fact]
    public async Task List_MalformedJson_Returns400Problem()
    {
        var response = await _owner.PostAsync("/elsa/api/workflow-instances",
            new StringContent("{\"page\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<(string Id, string EventName)> PublishWaitingAsync()
    {
        var id = ElsaJson.NewDefinitionId();
        var eventName = "go-" + id;
        await _owner.PublishAsync(InstanceFlows.Waiting(id, eventName));
        return (id, eventName);
    }

    private Task<JsonObject> ListAsync(JsonObject filter) => _owner.PostJsonAsync("/elsa/api/workflow-instances", filter);
}

public sealed class SqliteInstanceListTests(SqliteManualClockServerFixture fixture)
    : InstanceListTests(fixture), IClassFixture<SqliteManualClockServerFixture>;

public sealed class PostgreSqlInstanceListTests(PostgreSqlManualClockServerFixture fixture)
    : InstanceListTests(fixture), IClassFixture<PostgreSqlManualClockServerFixture>;
