using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Runtime;

/// <summary>The runtime as a host: execute, faults that do not take the server down, the manual clock.</summary>
public abstract class RuntimeHostTests(ServerFixture fixture)
{
    private readonly KlachtenFactory _factory = fixture.Factory;

    [Fact]
    public async Task Execute_ScriptThatNeverEnds_FaultsWithIncidentAndServerKeepsServing()
    {
        var owner = _factory.As("procesbeheerder");
        var id = ElsaJson.NewDefinitionId();
        var definition = Flow(id, ElsaJson.Activity("spin", "Elsa.WriteLine", new JsonObject { ["text"] = Js("while(true){}") }));
        Assert.Equal(HttpStatusCode.OK, (await owner.SaveAsync(definition, publish: true)).StatusCode);

        var response = await owner.PostAsync($"/elsa/api/workflow-definitions/{id}/execute", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var state = (await response.ReadObjectAsync())["workflowState"]!;
        Assert.Equal("Faulted", (string?)state["subStatus"]);
        Assert.Equal("spin", (string?)state["incidents"]![0]!["activityId"]);
        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateClient().GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/elsa/api/workflow-definitions")).StatusCode);
    }

    [Fact]
    public async Task Execute_UnknownDefinition_Returns404Problem()
    {
        var response = await _factory.As("procesbeheerder").PostAsync("/elsa/api/workflow-definitions/bestaat-niet/execute", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Execute_InputNotAnObject_Returns400Problem()
    {
        var response = await _factory.As("procesbeheerder").PostAsync("/elsa/api/workflow-definitions/klachtenprocedure/execute",
            ElsaJson.Body(new JsonObject { ["input"] = "tekst" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Execute_Medewerker_Returns403() =>
        Assert.Equal(HttpStatusCode.Forbidden, (await _factory.As("medewerker").PostAsync("/elsa/api/workflow-definitions/klachtenprocedure/execute", null)).StatusCode);

    [Fact]
    public async Task Event_Triggered_ResumesTheWaitingInstanceOnce()
    {
        var owner = _factory.As("procesbeheerder");
        var id = ElsaJson.NewDefinitionId();
        var eventName = "ev-" + id;
        var definition = Flow(id, ElsaJson.Activity("wait", "Elsa.Event", new JsonObject { ["eventName"] = Literal(eventName) }));
        await owner.SaveAsync(definition, publish: true);
        var started = (await (await owner.PostAsync($"/elsa/api/workflow-definitions/{id}/execute", null)).ReadObjectAsync())["workflowState"]!;
        Assert.Equal("Suspended", (string?)started["subStatus"]);

        var first = await (await owner.PostAsync($"/elsa/api/events/{eventName}/trigger", ElsaJson.Body(new JsonObject()))).ReadObjectAsync();
        var second = await (await owner.PostAsync($"/elsa/api/events/{eventName}/trigger", ElsaJson.Body(new JsonObject()))).ReadObjectAsync();

        Assert.Equal(1, (int)first["resumedCount"]!);
        Assert.Equal(0, (int)second["resumedCount"]!);
    }

    internal static JsonObject Flow(string id, JsonObject activity)
    {
        var definition = ElsaJson.Definition(id);
        var activities = definition["root"]!["activities"]!.AsArray();
        activities.RemoveAt(1);
        activities.Insert(1, activity);
        var connections = definition["root"]!["connections"]!.AsArray();
        connections.Clear();
        connections.Add(ElsaJson.Connection("start", "Done", (string)activity["id"]!));
        connections.Add(ElsaJson.Connection((string)activity["id"]!, "Done", "finish"));
        return definition;
    }

    internal static JsonObject Js(string script) => new() { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = script } };

    internal static JsonObject Literal(string value) => new() { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };
}

public sealed class SqliteRuntimeHostTests(SqliteServerFixture fixture) : RuntimeHostTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgreSqlRuntimeHostTests(PostgreSqlServerFixture fixture) : RuntimeHostTests(fixture), IClassFixture<PostgreSqlServerFixture>;

/// <summary>The manual clock: Development only, forward only, and moving it fires what became due.</summary>
public sealed class ManualClockTests
{
    [Fact]
    public async Task Start_ManualClockOutsideDevelopment_ExitsNamingTheKey()
    {
        var settings = new Dictionary<string, string?> { ["Klachten:Clock"] = "Manual" };

        var result = await ServerProcess.RunAsync([], settings, environment: "Production");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Klachten:Clock", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevClock_WithoutManualClock_IsNotMapped()
    {
        await using var database = await TestDatabase.CreateAsync(Provider.Sqlite, "noclock");
        await using var factory = new KlachtenFactory(database.Settings());

        Assert.Equal(HttpStatusCode.NotFound, (await factory.As("beheerder").GetAsync("/api/dev/clock")).StatusCode);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task DevClock_MovedPastADelay_FiresItBeforeAnswering(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, "clock");
        var settings = database.Settings();
        settings["Klachten:Clock"] = "Manual";
        await using var factory = new KlachtenFactory(settings);
        var owner = factory.As("procesbeheerder");
        var id = ElsaJson.NewDefinitionId();
        await owner.SaveAsync(RuntimeHostTests.Flow(id, ElsaJson.Activity("wait", "Elsa.Delay", new JsonObject { ["timeSpan"] = RuntimeHostTests.Literal("3.00:00:00") })), publish: true);
        var started = (await (await owner.PostAsync($"/elsa/api/workflow-definitions/{id}/execute", null)).ReadObjectAsync())["workflowState"]!;
        var admin = factory.As("beheerder");
        var now = (await admin.GetFromJsonAsync<JsonObject>("/api/dev/clock"))!["now"]!.GetValue<DateTimeOffset>();

        var early = await admin.PostAsync("/api/dev/clock", ElsaJson.Body(new JsonObject { ["now"] = now.AddDays(2) }));
        var back = await admin.PostAsync("/api/dev/clock", ElsaJson.Body(new JsonObject { ["now"] = now.AddDays(1) }));
        var late = await (await admin.PostAsync("/api/dev/clock", ElsaJson.Body(new JsonObject { ["now"] = now.AddDays(3).AddMinutes(1) }))).ReadObjectAsync();

        Assert.Equal("Suspended", (string?)started["subStatus"]);
        Assert.Equal(0, (int)(await early.ReadObjectAsync())["timersFired"]!);
        Assert.Equal(HttpStatusCode.BadRequest, back.StatusCode);
        Assert.Equal(1, (int)late["timersFired"]!);
    }
}
