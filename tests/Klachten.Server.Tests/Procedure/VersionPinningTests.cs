using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Procedure;

/// <summary>A case runs to its end on the procedure version it started on, whatever is published meanwhile.</summary>
public abstract class VersionPinningTests(ProcedureFixture fixture)
{
    private readonly ProcedureDriver _driver = new(fixture.Factory);

    [Fact]
    public async Task PublishVersionTwo_CaseStartedOnVersionOne_FinishesOnVersionOneAndNewCasesStartOnTwo()
    {
        var today = await _driver.TodayAsync();
        var old = await _driver.RegisterAsync(ProcedureDriver.Complaint(today));
        var started = await _driver.InstanceAsync(old);
        Assert.Equal(1, started.Version);
        await _driver.ConfirmReceiptAsync(old);

        var published = await PublishNewVersionAsync();

        Assert.Equal(2, published);
        var fresh = await _driver.RegisterAsync(ProcedureDriver.Complaint(today));
        Assert.Equal(published, (await _driver.InstanceAsync(fresh)).Version);
        await _driver.ContactAsync(old);
        await _driver.SubmitAsync(old);
        await _driver.AdviseAsync(old, "Gegrond");
        await _driver.DecideAsync(old);
        CaseAssert.Status(await _driver.CaseAsync(old), "Decided", "Formal");
        var finished = await _driver.InstanceAsync(old);
        Assert.Equal((started.Version, started.DefinitionVersionId), (finished.Version, finished.DefinitionVersionId));
        await _driver.AssertFinishedAsync(old);
    }

    /// <summary>Saves the published klachtenprocedure under a new name with publish: true, as Studio does; returns the new version.</summary>
    private async Task<int> PublishNewVersionAsync()
    {
        var owner = _driver.As("procesbeheerder");
        var model = (await owner.GetFromJsonAsync<JsonObject>("/elsa/api/workflow-definitions/by-definition-id/klachtenprocedure?versionOptions=Published"))!;
        model["name"] = "Klachtenprocedure (herzien)";

        var response = await owner.SaveAsync(model, publish: true);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Publishing version two: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var saved = (await response.ReadObjectAsync())["workflowDefinition"]!;
        Assert.True((bool)saved["isPublished"]!);
        return (int)saved["version"]!;
    }
}

public sealed class SqliteVersionPinningTests(SqliteProcedureFixture fixture)
    : VersionPinningTests(fixture), IClassFixture<SqliteProcedureFixture>;

public sealed class PostgreSqlVersionPinningTests(PostgreSqlProcedureFixture fixture)
    : VersionPinningTests(fixture), IClassFixture<PostgreSqlProcedureFixture>;
