using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Tests.Procedure;

/// <summary>
/// A complaint follows its workflow instance: a process owner who cancels the instance in Studio stops the procedure,
/// and the case becomes Cancelled ("Afgebroken") in the same step, with nothing left open or waiting. Deleting a
/// complaint's instance is refused, because the case refers to it.
/// </summary>
public abstract class CancelProcedureTests(ProcedureFixture fixture)
{
    private const string Owner = "procesbeheerder";
    private readonly ProcedureDriver _driver = new(fixture.Factory);

    [Fact]
    public async Task Cancel_InformalComplaint_CaseCancelledWithTimelineAndItsTaskCancelled()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.TodayAsync(), "Informal"));
        await _driver.OpenTaskAsync("medewerker", complaint, Titles.Employee);

        using var response = await CancelAsync($"/elsa/api/workflow-instances/{complaint.InstanceId}/cancel");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "Cancelled", "Informal");
        Assert.Equal("Cancelled", (string?)Assert.Single(CaseAssert.Tasks(@case))["status"]);
        var timeline = CaseAssert.Timeline(@case);
        Assert.Equal(["Procedure afgebroken door procesbeheerder.", "Klacht afgesloten (afgebroken)."], timeline[^2..]);
        Assert.Empty(await _driver.TasksAsync("medewerker", complaint));
        await AssertCancelledAsync(complaint);
    }

    [Fact]
    public async Task Cancel_WithTheCommittee_NoTimerFiresAndNoLetterOrReminderFollows()
    {
        var complaint = await _driver.WalkToCommitteeAsync(await _driver.AdvanceDaysAsync(1));
        var advice = await _driver.OpenTaskAsync("commissie", complaint, Titles.Advice);
        var lettersBefore = CaseAssert.Letters(await _driver.CaseAsync(complaint)).Select(l => (string)l["kind"]!).Order().ToList();

        using var response = await CancelAsync($"/elsa/api/cancel/workflow-instances/{complaint.InstanceId}");
        await _driver.PassAsync(advice["expiresAt"]!.GetValue<DateTimeOffset>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "Cancelled", "Formal");
        Assert.Equal(lettersBefore, CaseAssert.Letters(@case).Select(l => (string)l["kind"]!).Order().ToList());
        Assert.Empty(CaseAssert.Tasks(@case, "Open"));
        Assert.DoesNotContain(CaseAssert.Timeline(@case), t => t.StartsWith("Termijn overschreden", StringComparison.Ordinal));
        Assert.Empty(await _driver.OutboxAsync(complaint, "SendReminder"));
        Assert.Empty(await _driver.TasksAsync("commissie", complaint));
        await AssertCancelledAsync(complaint);
    }

    [Fact]
    public async Task Cancel_ThenWithdraw_Returns409AndTheCaseStaysCancelled()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.TodayAsync()));
        (await CancelAsync($"/elsa/api/workflow-instances/{complaint.InstanceId}/cancel")).EnsureSuccessStatusCode();

        using var withdraw = await _driver.As("directeur").PostAsync($"/api/complaints/{complaint.Id}/withdraw", ElsaJson.Body(new JsonObject()));

        Assert.Equal(HttpStatusCode.Conflict, withdraw.StatusCode);
        CaseAssert.Status(await _driver.CaseAsync(complaint), "Cancelled", "Formal");
    }

    [Fact]
    public async Task List_StatusCancelled_FindsTheCancelledComplaint()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.TodayAsync()));
        (await CancelAsync($"/elsa/api/workflow-instances/{complaint.InstanceId}/cancel")).EnsureSuccessStatusCode();

        var list = await _driver.As("directeur").GetFromJsonAsync<JsonObject>("/api/complaints?status=Cancelled&pageSize=100");

        Assert.Contains(list!["items"]!.AsArray(), c => (string?)c!["reference"] == complaint.Reference);
        Assert.All(list["items"]!.AsArray(), c => Assert.Equal("Cancelled", (string?)c!["status"]));
    }

    [Fact]
    public async Task CasePage_CancelledComplaint_ShowsTheDutchStatus()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.TodayAsync()));
        (await CancelAsync($"/elsa/api/workflow-instances/{complaint.InstanceId}/cancel")).EnsureSuccessStatusCode();

        using var page = await _driver.As("directeur").GetAsync($"/klachten/{complaint.Id}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("id=\"status\">Afgebroken</strong>", html, StringComparison.Ordinal);
        Assert.Contains("Procedure afgebroken door procesbeheerder.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_RunningComplaintInstance_Returns409PointingToWithdrawalAndKeepsAll()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.TodayAsync()));

        using var response = await _driver.As(Owner).DeleteAsync($"/elsa/api/workflow-instances/{complaint.InstanceId}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (string?)(await response.ReadObjectAsync())["detail"];
        Assert.Equal($"Deze workflow hoort bij klacht {complaint.Reference} en kan niet worden verwijderd; trek de klacht in of breek de procedure af (annuleren).", detail);
        Assert.Equal(("Running", "Suspended"), await InstanceStatusAsync(complaint));
        var @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "Received", "Formal");
        Assert.Equal(2, CaseAssert.Tasks(@case, "Open").Count); // receipt confirmation and contact
    }

    [Fact]
    public async Task Delete_CancelledComplaintInstance_Returns409AndKeepsTheInstance()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.TodayAsync()));
        (await CancelAsync($"/elsa/api/workflow-instances/{complaint.InstanceId}/cancel")).EnsureSuccessStatusCode();

        using var response = await _driver.As(Owner).DeleteAsync($"/elsa/api/workflow-instances/{complaint.InstanceId}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var detail = (string?)(await response.ReadObjectAsync())["detail"];
        Assert.Equal($"Deze workflow hoort bij klacht {complaint.Reference} en kan niet worden verwijderd: het dossier van de klacht verwijst ernaar.", detail);
        Assert.Equal(("Finished", "Cancelled"), await InstanceStatusAsync(complaint));
    }

    private Task<HttpResponseMessage> CancelAsync(string path) => _driver.As(Owner).PostAsync(path, ElsaJson.Body(new JsonObject()));

    private async Task<(string, string)> InstanceStatusAsync(Registered complaint)
    {
        var instance = await _driver.InstanceAsync(complaint);
        return (instance.Status, instance.SubStatus);
    }

    /// <summary>The instance ended cancelled, with nothing left waiting or open.</summary>
    private async Task AssertCancelledAsync(Registered complaint)
    {
        Assert.Equal(("Finished", "Cancelled"), await InstanceStatusAsync(complaint));
        Assert.Equal(0, await _driver.QueryAsync(db => db.Bookmarks.CountAsync(b => b.InstanceId == complaint.InstanceId)));
        Assert.Equal(0, await _driver.QueryAsync(db => db.HumanTasks.CountAsync(t => t.InstanceId == complaint.InstanceId && t.Status == Klachten.Server.Persistence.HumanTaskStatus.Open)));
    }
}

public sealed class SqliteCancelProcedureTests(SqliteProcedureFixture fixture)
    : CancelProcedureTests(fixture), IClassFixture<SqliteProcedureFixture>;

public sealed class PostgreSqlCancelProcedureTests(PostgreSqlProcedureFixture fixture)
    : CancelProcedureTests(fixture), IClassFixture<PostgreSqlProcedureFixture>;
