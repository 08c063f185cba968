using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Persistence;
using Klachten.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Klachten.Server.Tests.Instances;

/// <summary>
/// A letter needs a complainant to address. A workflow that belongs to no complaint (a process owner's Run in Studio)
/// requests none: no outbox row that the relay could only park, and the run still finishes.
/// </summary>
public abstract class LetterWithoutComplaintTests(ServerFixture fixture)
{
    private readonly HttpClient _owner = fixture.Factory.As("procesbeheerder");

    [Fact]
    public async Task Run_SendLetterWithoutComplaint_FinishesWithoutOutboxRow()
    {
        var id = ElsaJson.NewDefinitionId();
        await _owner.PublishAsync(InstanceFlows.SendingLetter(id));

        var response = await _owner.PostAsync($"/elsa/api/workflow-definitions/{id}/execute", ElsaJson.Body(new JsonObject()));
        var state = (await response.ReadObjectAsync())["workflowState"]!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("Finished", "Finished"), ((string?)state["status"], (string?)state["subStatus"]));
        var instanceId = (string)state["id"]!;
        using var scope = fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KlachtenDbContext>();
        // The letter activity ran (its journal entry names the kind), and nothing went to the outbox for it.
        Assert.Equal(1, await db.JournalEntries.CountAsync(j => j.InstanceId == instanceId && j.ActivityType == "Klachten.SendLetter" && j.EventName == "Completed"));
        Assert.Equal(0, await db.OutboxMessages.CountAsync(m => m.InstanceId == instanceId));
    }
}

public sealed class SqliteLetterWithoutComplaintTests(SqliteServerFixture fixture)
    : LetterWithoutComplaintTests(fixture), IClassFixture<SqliteServerFixture>;
