using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Compatibility;

/// <summary>
/// Workflow input and output through <c>/elsa/api</c>, as Elsa's component tests use them
/// (test/component/Elsa.Workflows.ComponentTests/Scenarios/InputOutput, Elsa.Activities.IntegrationTests SetNameTests),
/// and expression languages this server does not run, refused at publish.
/// </summary>
public abstract class WorkflowInputOutputTests(ServerFixture fixture)
{
    private readonly HttpClient _owner = fixture.Factory.As("procesbeheerder");

    [Fact]
    public async Task Execute_WithInput_AnswersWithTheOutputTheWorkflowSet_AndTheNameItGaveItself()
    {
        var definitionId = ElsaJson.NewDefinitionId();
        var root = Root(
            Activity("Elsa.SetOutput", ("outputName", Literal("Greeting")), ("outputValue", Script("'Hallo ' + getInput('name')"))),
            Activity("Elsa.SetName", ("value", Script("'Groet voor ' + getInput('name')"))));
        (await _owner.SaveAsync(Definition(definitionId, root), publish: true)).EnsureSuccessStatusCode();

        using var response = await _owner.PostAsync($"/elsa/api/workflow-definitions/{definitionId}/execute",
            ElsaJson.Body(new JsonObject { ["input"] = new JsonObject { ["name"] = "Karin" } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var state = (await response.ReadObjectAsync())["workflowState"]!;
        Assert.Equal("Finished", (string?)state["subStatus"]);
        Assert.Equal("""{"Greeting":"Hallo Karin"}""", state["output"]!.ToJsonString());
        var instance = await (await _owner.GetAsync($"/elsa/api/workflow-instances/{state["id"]}")).ReadObjectAsync();
        Assert.Equal("Groet voor Karin", (string?)instance["name"]);
        Assert.Equal("""{"Greeting":"Hallo Karin"}""", instance["workflowState"]!["output"]!.ToJsonString());
    }

    [Theory]
    [InlineData("CSharp", "C#")]
    [InlineData("Python", "Python")]
    public async Task Publish_ExpressionInALanguageWeDoNotRun_Is400NamingActivityAndLanguage(string type, string language)
    {
        var definitionId = ElsaJson.NewDefinitionId();
        var line = Activity("Elsa.WriteLine", ("text", new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = type, ["value"] = "\"x\"" } }));
        line["name"] = "Regel1";
        var saved = await _owner.SaveAsync(Definition(definitionId, Root(line)), publish: false);
        saved.EnsureSuccessStatusCode();

        using var published = await _owner.PublishAsync(definitionId);

        Assert.Equal(HttpStatusCode.BadRequest, published.StatusCode);
        var text = await published.Content.ReadAsStringAsync();
        Assert.Contains("'Regel1'", text, StringComparison.Ordinal);
        Assert.Contains(language, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventTrigger_StartsThePublishedWorkflowAtThatEvent_WithThePayload()
    {
        var definitionId = ElsaJson.NewDefinitionId();
        var eventName = "KlantBelde" + definitionId[2..8];
        var start = Activity("Elsa.Start");
        var trigger = Activity("Elsa.Event", ("eventName", Literal(eventName)));
        trigger["customProperties"] = new JsonObject { ["canStartWorkflow"] = true };
        var output = Activity("Elsa.SetOutput", ("outputName", Literal("Bericht")), ("outputValue", Script("getInput('tekst')")));
        var root = new JsonObject
        {
            ["id"] = "root", ["type"] = "Elsa.Flowchart", ["version"] = 1,
            ["activities"] = new JsonArray(start, trigger, output),
            ["connections"] = new JsonArray(ElsaJson.Connection((string)trigger["id"]!, "Done", (string)output["id"]!)),
        };
        (await _owner.SaveAsync(Definition(definitionId, root), publish: true)).EnsureSuccessStatusCode();

        using var response = await _owner.PostAsync($"/elsa/api/events/{eventName}/trigger", ElsaJson.Body(new JsonObject { ["payload"] = new JsonObject { ["tekst"] = "hallo" } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)(await response.ReadObjectAsync())["startedCount"]!);
        using var list = await _owner.PostAsync("/elsa/api/workflow-instances", ElsaJson.Body(new JsonObject { ["definitionId"] = definitionId }));
        var instance = Assert.Single((await list.ReadObjectAsync())["items"]!.AsArray())!;
        var detail = await (await _owner.GetAsync($"/elsa/api/workflow-instances/{instance["id"]}")).ReadObjectAsync();
        Assert.Equal("Finished", (string?)detail["workflowState"]!["subStatus"]);
        Assert.Equal("""{"Bericht":"hallo"}""", detail["workflowState"]!["output"]!.ToJsonString());
    }

    [Fact]
    public async Task Publish_BadCronExpression_Is400WithTheReason()
    {
        var definitionId = ElsaJson.NewDefinitionId();
        var cron = Activity("Elsa.Cron", ("cronExpression", Literal("61 * * * *")));
        cron["name"] = "Wekelijks";
        (await _owner.SaveAsync(Definition(definitionId, Root(cron)), publish: false)).EnsureSuccessStatusCode();

        using var published = await _owner.PublishAsync(definitionId);

        Assert.Equal(HttpStatusCode.BadRequest, published.StatusCode);
        Assert.Contains("Activiteit 'Wekelijks': '61 * * * *' is geen geldige cron-expressie", await published.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static JsonObject Definition(string definitionId, JsonObject root) => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = $"IO {definitionId}",
        ["version"] = 1,
        ["variables"] = new JsonArray(),
        ["root"] = root,
    };

    private static JsonObject Root(params JsonObject[] activities) =>
        new() { ["id"] = "root", ["type"] = "Elsa.Sequence", ["version"] = 1, ["activities"] = new JsonArray([.. activities]) };

    private static JsonObject Activity(string type, params (string Name, JsonNode Value)[] inputs)
    {
        var activity = new JsonObject { ["id"] = Guid.NewGuid().ToString("N")[..16], ["type"] = type, ["version"] = 1 };
        foreach (var (name, value) in inputs)
        {
            activity[name] = value;
        }

        return activity;
    }

    private static JsonObject Literal(string value) => new() { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };

    private static JsonObject Script(string value) => new() { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = value } };
}

public sealed class SqliteWorkflowInputOutputTests(SqliteServerFixture fixture)
    : WorkflowInputOutputTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgreSqlWorkflowInputOutputTests(PostgreSqlServerFixture fixture)
    : WorkflowInputOutputTests(fixture), IClassFixture<PostgreSqlServerFixture>;
