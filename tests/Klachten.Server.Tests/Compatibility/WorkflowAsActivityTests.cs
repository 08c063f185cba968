using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Compatibility;

/// <summary>
/// Workflows used as activities through <c>/elsa/api</c>, as Elsa's Scenarios/WorkflowDefinitionActivities
/// (parent-with-outcomes, parent-with-input, parent-with-output) use them: published with "Usable as activity", offered
/// in the descriptors, run inside the parent with inputs, outputs and outcomes, two levels deep.
/// </summary>
public abstract class WorkflowAsActivityTests(ServerFixture fixture)
{
    private readonly HttpClient _owner = fixture.Factory.As("procesbeheerder");

    [Fact]
    public async Task Child_IsOffered_AndRunsInItsParent_WithInputOutputAndOutcome()
    {
        var (childId, childVersionId, childName) = await PublishChildAsync();

        var descriptors = (await (await _owner.GetAsync("/elsa/api/descriptors/activities")).ReadObjectAsync())["items"]!.AsArray();
        var descriptor = Assert.Single(descriptors, d => (string?)d!["customProperties"]?["WorkflowDefinitionId"] == childId)!;
        Assert.Equal(childName.Replace(" ", "", StringComparison.Ordinal), (string?)descriptor["typeName"]);
        Assert.Equal(["Gelukt:Flow", "Mislukt:Flow", "Root:Embedded"], descriptor["ports"]!.AsArray().Select(p => $"{p!["name"]}:{p["type"]}"));
        Assert.Equal(["Message"], descriptor["inputs"]!.AsArray().Select(i => (string)i!["name"]!));

        var child = Node("kind", (string)descriptor["typeName"]!, ("workflowDefinitionId", childId), ("workflowDefinitionVersionId", childVersionId),
            ("message", Literal("Karin")), ("greeting", new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "g" } }));
        var state = await RunAsync(Flowchart(child, ("Gelukt", SetOutput("pad", "Path", "'gelukt: ' + getG()")), ("Mislukt", SetOutput("mis", "Path", "'mislukt'"))));

        Assert.Equal("Finished", (string?)state["subStatus"]);
        Assert.Equal("""{"Path":"gelukt: Hallo Karin"}""", state["output"]!.ToJsonString());
    }

    [Fact]
    public async Task Workflows_NestTwoLevelsDeep()
    {
        var (childId, _, childName) = await PublishChildAsync();
        var middleId = ElsaJson.NewDefinitionId();
        var middleRoot = Sequence(
            Node("kind", childName.Replace(" ", "", StringComparison.Ordinal), ("workflowDefinitionId", childId), ("message", Literal("midden")),
                ("greeting", new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "m" } })),
            SetOutput("uit", "Via", "getM() + ' (via midden)'"));
        await PublishAsync(Definition(middleId, "Midden " + middleId, middleRoot, usableAsActivity: true, variables: ["m"]));

        var state = await RunAsync(Sequence(
            Node("midden", "Midden", ("workflowDefinitionId", middleId), ("via", new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "g" } })),
            SetOutput("eind", "Result", "getG()")));

        Assert.True((string?)state["subStatus"] == "Finished", state.ToJsonString());
        Assert.Equal("""{"Result":"Hallo midden (via midden)"}""", state["output"]!.ToJsonString());
    }

    [Fact]
    public async Task Publish_ParentOfAWorkflowThatDoesNotExist_Is400NamingIt()
    {
        var id = ElsaJson.NewDefinitionId();
        var saved = await _owner.SaveAsync(Definition(id, "Ouder " + id, Sequence(Node("weg", "Weg", ("workflowDefinitionId", "bestaat-niet"))), usableAsActivity: false), publish: true);

        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        Assert.Contains("'bestaat-niet'", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // Elsa's WorkflowReferenceUpdater: publishing a child "usable as activity" with "auto-update consuming workflows".
    [Fact]
    public async Task PublishingAChild_WithAutoUpdate_PointsItsParentsAtTheNewVersion_PublishedParentRepublished_DraftStaysDraft()
    {
        var (childId, v1Id, childName) = await PublishChildAsync(autoUpdate: true);
        var type = childName.Replace(" ", "", StringComparison.Ordinal);
        JsonObject Uses(string pinned) => Node("kind", type, ("workflowDefinitionId", childId), ("workflowDefinitionVersionId", pinned), ("message", Literal("Karin")),
            ("greeting", new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "g" } }));
        var publishedParent = ElsaJson.NewDefinitionId();
        await PublishAsync(Definition(publishedParent, "Ouder " + publishedParent, Sequence(Uses(v1Id), SetOutput("eind", "Result", "getG()")), usableAsActivity: false, variables: ["g"]));
        var draftParent = ElsaJson.NewDefinitionId();
        using (var draft = await _owner.SaveAsync(Definition(draftParent, "Concept " + draftParent, Sequence(Uses(v1Id)), usableAsActivity: false, variables: ["g"])))
        {
            Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        }

        var (_, v2Id, _) = await PublishChildAsync(autoUpdate: true, childId, "'Dag ' + getInput('Message')");

        var parentVersions = await _owner.VersionsAsync(publishedParent);
        Assert.Equal([(1, false), (2, true)], parentVersions.Select(v => ((int)v!["version"]!, (bool)v["isPublished"]!)).Order());
        var republished = await LatestAsync(publishedParent);
        Assert.Equal((v2Id, 2), ((string?)republished["root"]!["activities"]![0]!["workflowDefinitionVersionId"], (int)republished["root"]!["activities"]![0]!["version"]!));
        using (var run = await _owner.PostAsync($"/elsa/api/workflow-definitions/{publishedParent}/execute", ElsaJson.Body(new JsonObject())))
        {
            Assert.Equal("""{"Result":"Dag Karin"}""", (await run.ReadObjectAsync())["workflowState"]!["output"]!.ToJsonString());
        }

        var stillDraft = await LatestAsync(draftParent);
        Assert.Equal((1, false, v2Id), ((int)stillDraft["version"]!, (bool)stillDraft["isPublished"]!, (string?)stillDraft["root"]!["activities"]![0]!["workflowDefinitionVersionId"]));
    }

    [Fact]
    public async Task PublishingAChild_WithoutAutoUpdate_LeavesItsParentsAsTheyAre()
    {
        var (childId, v1Id, childName) = await PublishChildAsync();
        var parent = ElsaJson.NewDefinitionId();
        await PublishAsync(Definition(parent, "Ouder " + parent, Sequence(Node("kind", childName.Replace(" ", "", StringComparison.Ordinal),
            ("workflowDefinitionId", childId), ("workflowDefinitionVersionId", v1Id))), usableAsActivity: false));

        await PublishChildAsync(autoUpdate: false, childId, "'Dag'");

        Assert.Single(await _owner.VersionsAsync(parent));
        Assert.Equal(v1Id, (string?)(await LatestAsync(parent))["root"]!["activities"]![0]!["workflowDefinitionVersionId"]);
    }

    private async Task<JsonObject> LatestAsync(string definitionId)
    {
        using var response = await _owner.GetAsync($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadObjectAsync();
    }

    private async Task<(string Id, string VersionId, string Name)> PublishChildAsync(bool autoUpdate = false, string? existingId = null, string greeting = "'Hallo ' + getInput('Message')")
    {
        var id = existingId ?? ElsaJson.NewDefinitionId();
        var name = $"Groet Kind {id[2..8].ToUpperInvariant()}";
        var root = Sequence(
            SetOutput("zet", "Greeting", greeting),
            Node("klaar", "Elsa.Complete", ("outcomes", new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "[\"Gelukt\"]" } })));
        var definition = Definition(id, name, root, usableAsActivity: true);
        definition["options"]!["autoUpdateConsumingWorkflows"] = autoUpdate;
        definition["inputs"] = new JsonArray(new JsonObject { ["type"] = "String", ["name"] = "Message", ["displayName"] = "Bericht" });
        definition["outputs"] = new JsonArray(new JsonObject { ["type"] = "Object", ["name"] = "Greeting", ["displayName"] = "Groet" });
        definition["outcomes"] = new JsonArray("Gelukt", "Mislukt");
        var saved = await PublishAsync(definition);
        return (id, (string)saved["workflowDefinition"]!["id"]!, name);
    }

    private async Task<JsonObject> PublishAsync(JsonObject definition)
    {
        using var saved = await _owner.SaveAsync(definition, publish: true);
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        return await saved.ReadObjectAsync();
    }

    private async Task<JsonNode> RunAsync(JsonObject root)
    {
        var id = ElsaJson.NewDefinitionId();
        await PublishAsync(Definition(id, "Ouder " + id, root, usableAsActivity: false, variables: ["g"]));
        using var response = await _owner.PostAsync($"/elsa/api/workflow-definitions/{id}/execute", ElsaJson.Body(new JsonObject()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadObjectAsync())["workflowState"]!;
    }

    private static JsonObject Definition(string id, string name, JsonObject root, bool usableAsActivity, params string[] variables) => new()
    {
        ["definitionId"] = id,
        ["name"] = name,
        ["version"] = 1,
        ["variables"] = new JsonArray([.. variables.Select(v => (JsonNode?)new JsonObject { ["id"] = v, ["name"] = v.ToUpperInvariant(), ["typeName"] = "Object" })]),
        ["options"] = new JsonObject { ["usableAsActivity"] = usableAsActivity },
        ["root"] = root,
    };

    private static JsonObject Sequence(params JsonObject[] activities) =>
        new() { ["id"] = "root", ["type"] = "Elsa.Sequence", ["version"] = 1, ["activities"] = new JsonArray([.. activities]) };

    private static JsonObject Flowchart(JsonObject first, params (string Port, JsonObject Target)[] branches)
    {
        var start = Node("start", "Elsa.Start");
        var connections = new JsonArray(ElsaJson.Connection("start", "Done", (string)first["id"]!));
        foreach (var (port, target) in branches)
        {
            connections.Add(ElsaJson.Connection((string)first["id"]!, port, (string)target["id"]!));
        }

        return new JsonObject
        {
            ["id"] = "root", ["type"] = "Elsa.Flowchart", ["version"] = 1,
            ["activities"] = new JsonArray([start, first, .. branches.Select(b => b.Target)]),
            ["connections"] = connections,
        };
    }

    private static JsonObject SetOutput(string id, string name, string script) =>
        Node(id, "Elsa.SetOutput", ("outputName", Literal(name)), ("outputValue", new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = script } }));

    private static JsonObject Literal(string value) => new() { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };

    private static JsonObject Node(string id, string type, params (string Name, JsonNode Value)[] properties)
    {
        var node = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = 1, ["name"] = id };
        foreach (var (name, value) in properties)
        {
            node[name] = value;
        }

        return node;
    }
}

public sealed class SqliteWorkflowAsActivityTests(SqliteServerFixture fixture)
    : WorkflowAsActivityTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgreSqlWorkflowAsActivityTests(PostgreSqlServerFixture fixture)
    : WorkflowAsActivityTests(fixture), IClassFixture<PostgreSqlServerFixture>;
