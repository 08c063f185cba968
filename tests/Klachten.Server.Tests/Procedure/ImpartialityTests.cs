using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Klachten.Server.Tests.Procedure;

/// <summary>
/// The people a complaint is about — the concerned employee and manager — never see the case nor handle its
/// director or committee work, even when they hold the director role themselves.
/// </summary>
public abstract class ImpartialityTests(ProcedureFixture fixture)
{
    private readonly ProcedureDriver _driver = new(fixture.Factory);

    [Theory]
    [InlineData("medewerker")]
    [InlineData("leidinggevende")]
    public async Task GetComplaint_AsConcernedPerson_Returns404AndIsNotListed(string user)
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.TodayAsync()));

        var response = await _driver.As(user).GetAsync($"/api/complaints/{complaint.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var list = await _driver.As(user).GetFromJsonAsync<JsonObject>("/api/complaints?pageSize=100");
        Assert.DoesNotContain(list!["items"]!.AsArray(), c => (string?)c!["id"] == complaint.Id.ToString());
    }

    [Theory]
    [InlineData("medewerker")]
    [InlineData("leidinggevende")]
    public async Task DirectorTask_AsConcernedPerson_IsNotListedAndCompletingIs403(string user)
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.TodayAsync()));
        var task = await _driver.OpenTaskAsync("directeur", complaint, Titles.Receipt);

        var response = await _driver.CompleteAsync(user, task, "Bevestigd");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await _driver.TasksAsync(user, complaint, "scope=all"));
        Assert.Empty(await _driver.TasksAsync(user, complaint, "scope=role"));
        await _driver.OpenTaskAsync("directeur", complaint, Titles.Receipt);
    }

    [Fact]
    public async Task DirectorTask_ConcernedManagerWhoIsAlsoDirector_IsHiddenAndCompletingIs403()
    {
        var body = ProcedureDriver.Complaint(await _driver.TodayAsync());
        body["manager"] = ProcedureFixture.Deputy;
        var complaint = await _driver.RegisterAsync(body);
        var task = await _driver.OpenTaskAsync("directeur", complaint, Titles.Receipt);

        var response = await _driver.CompleteAsync(ProcedureFixture.Deputy, task, "Bevestigd");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await _driver.TasksAsync(ProcedureFixture.Deputy, complaint, "scope=role"));
        Assert.Equal(HttpStatusCode.NotFound, (await _driver.As(ProcedureFixture.Deputy).GetAsync($"/api/complaints/{complaint.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _driver.CompleteAsync("directeur", task, "Bevestigd")).StatusCode);
    }

    [Fact]
    public async Task CommitteeAndDecisionTasks_ConcernedManagerWhoIsAlsoDirector_StayHidden()
    {
        var body = ProcedureDriver.Complaint(await _driver.TodayAsync());
        body["manager"] = ProcedureFixture.Deputy;
        var complaint = await _driver.RegisterAsync(body);
        await _driver.ConfirmReceiptAsync(complaint);
        await _driver.ContactAsync(complaint);
        await _driver.SubmitAsync(complaint);
        await _driver.AdviseAsync(complaint, "Ongegrond");

        var decision = await _driver.OpenTaskAsync("directeur", complaint, Titles.Decision);

        Assert.Empty(await _driver.TasksAsync(ProcedureFixture.Deputy, complaint, "scope=all"));
        Assert.Equal(HttpStatusCode.Forbidden, (await _driver.CompleteAsync(ProcedureFixture.Deputy, decision, "Besluit verzonden", new JsonObject { ["besluit"] = "x" })).StatusCode);
    }
}

public sealed class SqliteImpartialityTests(SqliteProcedureFixture fixture)
    : ImpartialityTests(fixture), IClassFixture<SqliteProcedureFixture>;

public sealed class PostgreSqlImpartialityTests(PostgreSqlProcedureFixture fixture)
    : ImpartialityTests(fixture), IClassFixture<PostgreSqlProcedureFixture>;
