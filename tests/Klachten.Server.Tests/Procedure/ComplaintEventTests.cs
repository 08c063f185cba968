using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Procedure;

/// <summary>
/// What the complainant does outside the task lists during the formal procedure: withdrawing the complaint (also
/// while a task is being completed) and a written complaint that is not waited for.
/// </summary>
public abstract class ComplaintEventTests(ProcedureFixture fixture)
{
    private readonly ProcedureDriver _driver = new(fixture.Factory);

    [Fact]
    public async Task Withdraw_WithTheCommittee_CancelsTheAdviceTaskAndConfirmsTheWithdrawal()
    {
        var complaint = await _driver.WalkToCommitteeAsync(await _driver.AdvanceDaysAsync(1));

        var response = await _driver.As("directeur").PostAsync($"/api/complaints/{complaint.Id}/withdraw", ElsaJson.Body(new JsonObject()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "Withdrawn", "Formal");
        CaseAssert.Letter(@case, "BevestigingIntrekking", ("klager", false), ("leidinggevende", true));
        Assert.Equal("Cancelled", (string?)Assert.Single(CaseAssert.Tasks(@case), t => (string?)t["title"] == Titles.Advice)["status"]);
        Assert.Empty(await _driver.TasksAsync("commissie", complaint));
        await _driver.AssertFinishedAsync(complaint);
    }

    [Fact]
    public async Task Withdraw_WithTheCommittee_TheCancelledAdviceTermIsNotReportedAsMissed()
    {
        var complaint = await _driver.WalkToCommitteeAsync(await _driver.AdvanceDaysAsync(1));
        var advice = await _driver.OpenTaskAsync("commissie", complaint, Titles.Advice);
        (await _driver.As("directeur").PostAsync($"/api/complaints/{complaint.Id}/withdraw", ElsaJson.Body(new JsonObject()))).EnsureSuccessStatusCode();

        await _driver.PassAsync(advice["expiresAt"]!.GetValue<DateTimeOffset>());

        var @case = await _driver.CaseAsync(complaint);
        var terms = @case["terms"]!.AsArray();
        Assert.Equal(new[] { Titles.Receipt, Titles.Contact, Titles.Submit, Titles.Advice }.Order(StringComparer.Ordinal), terms.Select(t => (string)t!["name"]!).Order(StringComparer.Ordinal));
        Assert.Null((bool?)terms.Single(t => (string?)t!["name"] == Titles.Advice)!["met"]);
        Assert.All(terms, t => Assert.True((bool?)t!["met"] != false, $"Term reported as missed on a withdrawn case: {t.ToJsonString()}"));
        Assert.DoesNotContain(CaseAssert.Timeline(@case), t => t.StartsWith("Termijn overschreden", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Withdraw_ConcurrentWithTheContactTask_EndsWithdrawnWithNothingOpen()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.AdvanceDaysAsync(1)));
        await _driver.ConfirmReceiptAsync(complaint);
        var contact = await _driver.OpenTaskAsync("directeur", complaint, Titles.Contact);

        var responses = await Task.WhenAll(
            _driver.CompleteAsync("directeur", contact, "Niet ingetrokken", new JsonObject { ["contactnotitie"] = "Gebeld." }),
            _driver.As("directeur").PostAsync($"/api/complaints/{complaint.Id}/withdraw", ElsaJson.Body(new JsonObject())));

        Assert.Equal(HttpStatusCode.OK, responses[1].StatusCode);
        Assert.Contains(responses[0].StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict });
        var @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "Withdrawn", "Formal");
        CaseAssert.Letter(@case, "BevestigingIntrekking", ("klager", false), ("leidinggevende", true));
        Assert.Empty(CaseAssert.Tasks(@case, "Open"));
        await _driver.AssertFinishedAsync(complaint);
    }

    [Fact]
    public async Task Withdraw_AfterTheProcedureEnded_Returns409AndChangesNothing()
    {
        var today = await _driver.TodayAsync();
        var body = ProcedureDriver.Complaint(today);
        body["eventDate"] = ProcedureDriver.Iso(today.AddYears(-3));
        var complaint = await _driver.RegisterAsync(body);

        var response = await _driver.As("directeur").PostAsync($"/api/complaints/{complaint.Id}/withdraw", ElsaJson.Body(new JsonObject()));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        CaseAssert.Status(await _driver.CaseAsync(complaint), "NotAdmissible", "Formal");
    }

    [Fact]
    public async Task WrittenComplaint_OnAFormalComplaint_Returns409()
    {
        var today = await _driver.TodayAsync();
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(today));

        var response = await _driver.As("directeur").PostAsync($"/api/complaints/{complaint.Id}/written-complaint",
            ElsaJson.Body(new JsonObject { ["receivedOn"] = ProcedureDriver.Iso(today) }));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        await _driver.OpenTaskAsync("directeur", complaint, Titles.Receipt);
    }
}

public sealed class SqliteComplaintEventTests(SqliteProcedureFixture fixture)
    : ComplaintEventTests(fixture), IClassFixture<SqliteProcedureFixture>;

public sealed class PostgreSqlComplaintEventTests(PostgreSqlProcedureFixture fixture)
    : ComplaintEventTests(fixture), IClassFixture<PostgreSqlProcedureFixture>;
