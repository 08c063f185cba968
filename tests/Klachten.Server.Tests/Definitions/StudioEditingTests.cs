using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Definitions;

/// <summary>
/// What Studio's editor does with a definition (issue 15): list inputs in the form its list editors edit, the publish
/// guard against a dropped connected outcome, revert from the version history, and ▶ on a draft.
/// </summary>
public abstract class StudioEditingTests(ServerFixture fixture)
{
    private readonly HttpClient _owner = fixture.Factory.As("procesbeheerder");

    [Fact]
    public async Task Save_TaskOutcomesInStudioForm_RoundTripUnchanged()
    {
        var id = ElsaJson.NewDefinitionId();
        var outcomes = ObjectList("[\"Ingetrokken\",\"Niet ingetrokken\"]");

        await _owner.SaveAsync(WithTask(id, outcomes, "Ingetrokken", "Niet ingetrokken"));

        var task = await TaskAsync(id);
        Assert.True(JsonNode.DeepEquals(outcomes, task["outcomes"]), task["outcomes"]!.ToJsonString());
    }

    [Fact]
    public async Task Save_TaskOutcomesAsLegacyLiteral_ServedInStudioForm()
    {
        var id = ElsaJson.NewDefinitionId();
        var literal = new JsonObject { ["typeName"] = "String[]", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "[\"Ingetrokken\", \"Niet ingetrokken\"]" } };

        await _owner.SaveAsync(WithTask(id, literal, "Ingetrokken", "Niet ingetrokken"));

        var expression = (await TaskAsync(id))["outcomes"]!["expression"]!;
        Assert.Equal(("Object", "[\"Ingetrokken\",\"Niet ingetrokken\"]"), ((string?)expression["type"], (string?)expression["value"]));
    }

    [Fact]
    public async Task Procedure_Served_EveryListInputInStudioForm()
    {
        var procedure = await _owner.GetFromJsonAsync<JsonObject>("/elsa/api/workflow-definitions/by-definition-id/klachtenprocedure?versionOptions=Published");

        var task = procedure!["root"]!["activities"]!.AsArray().Single(a => (string?)a!["metadata"]?["displayText"] == "Directeur neemt contact op")!;
        Assert.Equal(("Object", "[\"Ingetrokken\",\"Niet ingetrokken\"]"), ((string?)task["outcomes"]!["expression"]!["type"], (string?)task["outcomes"]!["expression"]!["value"]));
        var lists = procedure["root"]!["activities"]!.AsArray()
            .SelectMany(a => new[] { "outcomes", "branches", "requiredFields", "recipients", "attachments" }.Select(k => a![k]))
            .Where(i => i is not null)
            .Select(i => (string?)i!["expression"]!["type"])
            .ToList();
        Assert.Equal(23, lists.Count);
        Assert.All(lists, type => Assert.Equal("Object", type));
    }

    [Fact]
    public async Task Publish_ConnectedOutcomeDropped_Refused400AndPublishedVersionUnchanged()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.SaveAsync(WithTask(id, ObjectList("[\"Ingetrokken\",\"Niet ingetrokken\"]"), "Ingetrokken", "Niet ingetrokken"), publish: true);

        // What Studio auto-saved after "Doorverwezen" replaced the outcomes: both ports and their connections gone.
        var response = await _owner.SaveAsync(WithTask(id, ObjectList("[\"Doorverwezen\"]")), publish: true);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (string?)(await response.ReadObjectAsync())["errors"]![""]![0];
        Assert.Equal(
            "Activiteit 'Directeur neemt contact op': de uitkomsten 'Ingetrokken', 'Niet ingetrokken' zijn verdwenen, maar zijn in de gepubliceerde versie verbonden; de takken die erop volgden zijn daarmee ook weg. Voeg de uitkomsten weer toe, of verbind de vervolgactiviteiten eerst anders.",
            message);
        var versions = await _owner.VersionsAsync(id);
        var published = Assert.Single(versions);
        Assert.True((bool)published!["isPublished"]!);
        Assert.Equal("[\"Ingetrokken\",\"Niet ingetrokken\"]", (string?)(await TaskAsync(id, "Published"))["outcomes"]!["expression"]!["value"]);
    }

    [Fact]
    public async Task Publish_OutcomeRemovedAndFollowUpReconnected_Published()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.SaveAsync(WithTask(id, ObjectList("[\"Ingetrokken\",\"Niet ingetrokken\"]"), "Ingetrokken", "Niet ingetrokken"), publish: true);

        var response = await _owner.SaveAsync(WithTask(id, ObjectList("[\"Ingetrokken\"]"), "Ingetrokken", "Ingetrokken"), publish: true);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Revert_PublishedThenChanged_NewLatestDraftWithTheOldContent()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.SaveAsync(ElsaJson.Definition(id, "Versie 1"), publish: true);
        await _owner.SaveAsync(WithTask(id, ObjectList("[\"Klaar\"]"), "Klaar", "Klaar"), publish: true);
        var v1 = await _owner.GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-definitions/by-definition-id/{id}?versionOptions=1");

        var response = await _owner.PostAsync($"/elsa/api/workflow-definitions/{id}/revert/1", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var versions = await _owner.VersionsAsync(id);
        Assert.Equal(3, versions.Count);
        Assert.Equal((3, true, false), ((int)versions[2]!["version"]!, (bool)versions[2]!["isLatest"]!, (bool)versions[2]!["isPublished"]!));
        Assert.True((bool)versions[1]!["isPublished"]!);
        var v3 = await _owner.GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-definitions/by-definition-id/{id}?versionOptions=Latest");
        Assert.Equal("Versie 1", (string?)v3!["name"]);
        Assert.True(JsonNode.DeepEquals(v1!["root"], v3["root"]), v3["root"]!.ToJsonString());
    }

    [Fact]
    public async Task Revert_UnknownVersion_NotFound()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.SaveAsync(ElsaJson.Definition(id));

        var response = await _owner.PostAsync($"/elsa/api/workflow-definitions/{id}/revert/7", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Execute_LatestOnNeverPublishedDraft_RunsTheDraft()
    {
        var id = ElsaJson.NewDefinitionId();
        var saved = (await (await _owner.SaveAsync(ElsaJson.Definition(id))).ReadObjectAsync())["workflowDefinition"]!;

        var response = await _owner.PostAsync($"/elsa/api/workflow-definitions/{id}/execute", ElsaJson.Body(new JsonObject { ["versionOptions"] = "Latest" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var state = (await response.ReadObjectAsync())["workflowState"]!;
        Assert.Equal(((string?)saved["id"], "Finished"), ((string?)state["definitionVersionId"], (string?)state["status"]));
    }

    [Fact]
    public async Task Execute_WithoutVersionOptionsOnDraft_NotFound()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.SaveAsync(ElsaJson.Definition(id));

        var response = await _owner.PostAsync($"/elsa/api/workflow-definitions/{id}/execute", ElsaJson.Body(new JsonObject()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static JsonObject ObjectList(string json) =>
        new() { ["typeName"] = "String[]", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = json } };

    // Start → task "Directeur neemt contact op" → one finish per connected port.
    private static JsonObject WithTask(string definitionId, JsonObject outcomes, params string[] connectedPorts)
    {
        var definition = ElsaJson.Definition(definitionId);
        var task = ElsaJson.Activity("task", "Klachten.HumanTask", new JsonObject
        {
            ["title"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "Contact" } },
            ["outcomes"] = outcomes,
        });
        task["metadata"]!["displayText"] = "Directeur neemt contact op";
        var activities = new JsonArray { ElsaJson.Activity("start", "Elsa.Start"), task, ElsaJson.Activity("end1", "Elsa.End"), ElsaJson.Activity("end2", "Elsa.End") };
        var connections = new JsonArray { ElsaJson.Connection("start", "Done", "task") };
        for (var i = 0; i < connectedPorts.Length; i++)
        {
            connections.Add(ElsaJson.Connection("task", connectedPorts[i], $"end{i + 1}"));
        }

        definition["root"]!["activities"] = activities;
        definition["root"]!["connections"] = connections;
        return definition;
    }

    private async Task<JsonObject> TaskAsync(string definitionId, string versionOptions = "Latest")
    {
        var definition = await _owner.GetFromJsonAsync<JsonObject>($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}?versionOptions={versionOptions}");
        return definition!["root"]!["activities"]!.AsArray().Single(a => (string?)a!["id"] == "task")!.AsObject();
    }
}

public sealed class SqliteStudioEditingTests(SqliteServerFixture fixture)
    : StudioEditingTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgreSqlStudioEditingTests(PostgreSqlServerFixture fixture)
    : StudioEditingTests(fixture), IClassFixture<PostgreSqlServerFixture>;
