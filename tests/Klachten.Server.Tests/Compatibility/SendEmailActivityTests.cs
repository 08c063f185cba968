using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Compatibility;

/// <summary>Elsa's SendEmail: the step writes exactly one <c>SendEmail</c> to the outbox, in its own transaction.</summary>
public abstract class SendEmailActivityTests(ServerFixture fixture)
{
    private readonly HttpClient _owner = fixture.Factory.As("procesbeheerder");

    [Fact]
    public async Task Run_SendEmail_WritesOneOutboxMessageWithTheAddressesAndText()
    {
        var id = ElsaJson.NewDefinitionId();
        var email = new JsonObject
        {
            ["id"] = "mail", ["type"] = "Elsa.SendEmail", ["version"] = 1,
            ["to"] = Value("String[]", "Object", "[\"anna@example.nl\"]"),
            ["subject"] = Value("String", "Literal", "Uw aanvraag"),
            ["body"] = Value("String", "JavaScript", "'Beste ' + getInput('naam')"),
        };
        var definition = new JsonObject
        {
            ["definitionId"] = id, ["name"] = "Mail " + id, ["version"] = 1,
            ["root"] = new JsonObject { ["id"] = "root", ["type"] = "Elsa.Sequence", ["version"] = 1, ["activities"] = new JsonArray(email) },
        };
        (await _owner.SaveAsync(definition, publish: true)).EnsureSuccessStatusCode();

        using var response = await _owner.PostAsync($"/elsa/api/workflow-definitions/{id}/execute", ElsaJson.Body(new JsonObject { ["input"] = new JsonObject { ["naam"] = "Anna" } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var instanceId = (string)(await response.ReadObjectAsync())["workflowState"]!["id"]!;
        using var scope = fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();
        var row = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.InstanceId == instanceId);
        Assert.Equal("SendEmail", row.MessageType);
        var payload = JsonNode.Parse(row.PayloadJson)!;
        Assert.Equal("""["anna@example.nl"]""", payload["to"]!.ToJsonString());
        Assert.Equal("Beste Anna", (string?)payload["body"]);
    }

    private static JsonObject Value(string typeName, string syntax, string value) =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = syntax, ["value"] = value } };
}

public sealed class SqliteSendEmailActivityTests(SqliteServerFixture fixture)
    : SendEmailActivityTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgreSqlSendEmailActivityTests(PostgreSqlServerFixture fixture)
    : SendEmailActivityTests(fixture), IClassFixture<PostgreSqlServerFixture>;
