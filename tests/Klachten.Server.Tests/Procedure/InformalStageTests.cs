using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;
using Klachten.Server.Tests.Web;

namespace Klachten.Server.Tests.Procedure;

/// <summary>
/// Steps 1 and 2 of the regulation (employee, then manager) and step 3, the written complaint to the director, driven
/// through the HTTP API on both providers.
/// </summary>
public abstract class InformalStageTests(ProcedureFixture fixture)
{
    private readonly ProcedureDriver _driver = new(fixture.Factory);

    [Fact]
    public async Task EmployeeTask_Resolved_ClosesTheCaseAsInformallyResolvedWithoutLetters()
    {
        var today = await _driver.TodayAsync();
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(today, "Informal"));
        Assert.Equal("Informal", complaint.Status);
        var task = await _driver.OpenTaskAsync("medewerker", complaint, Titles.Employee);
        Assert.Equal(("medewerker", "medewerker"), ((string?)task["role"], (string?)task["assignee"]));
        Assert.Equal(complaint.Id.ToString(), (string?)task["complaintId"]);
        Assert.Null(task["due"]);

        var response = await _driver.CompleteAsync("medewerker", task, "Opgelost");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "InformallyResolved", "Informal");
        Assert.Empty(CaseAssert.Letters(@case));
        Assert.Empty(CaseAssert.Tasks(@case, "Open"));
        var timeline = CaseAssert.Timeline(@case);
        Assert.Contains("Status: opgelost in de informele fase.", timeline);
        Assert.Contains("Klacht afgesloten (opgelost in de informele fase).", timeline);
        await _driver.AssertFinishedAsync(complaint);
    }

    [Fact]
    public async Task ManagerTask_Resolved_ClosesTheCaseAsInformallyResolvedAndListsItUnderThatStatus()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.TodayAsync(), "Informal"));
        await _driver.CompleteOpenTaskAsync("medewerker", complaint, Titles.Employee, "Niet opgelost");

        await _driver.CompleteOpenTaskAsync("leidinggevende", complaint, Titles.Manager, "Opgelost");

        CaseAssert.Status(await _driver.CaseAsync(complaint), "InformallyResolved", "Informal");
        var listed = (await _driver.As("directeur").GetFromJsonAsync<JsonObject>("/api/complaints?status=InformallyResolved&pageSize=100"))!;
        Assert.Contains(listed["items"]!.AsArray(), c => (string?)c!["id"] == complaint.Id.ToString());
        using var session = await WebSession.SignInAsync(fixture.Factory, "directeur");
        Assert.Contains("Opgelost in de informele fase", await session.Client.GetStringAsync($"/klachten/{complaint.Id}"), StringComparison.Ordinal);
        await _driver.AssertFinishedAsync(complaint);
    }

    [Fact]
    public async Task WrittenComplaint_MoreThanTwoYearsAfterTheEvent_IsNotAdmissibleWithOneLetter()
    {
        // Registered 1 December 2026 about 5 December 2024: within two years. Written on 10 December 2026: too late.
        var body = ProcedureDriver.Complaint(new DateOnly(2026, 12, 1), "Informal");
        body["eventDate"] = "2024-12-05";
        var complaint = await _driver.RegisterAsync(body);
        Assert.Equal("Informal", complaint.Status);
        await WalkInformalStepsAsync(complaint);

        var response = await _driver.As("directeur").PostAsync($"/api/complaints/{complaint.Id}/written-complaint",
            ElsaJson.Body(new JsonObject { ["receivedOn"] = "2026-12-10" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("NotAdmissible", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]);
        var @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "NotAdmissible", "Formal");
        CaseAssert.Letter(@case, "NietOntvankelijk", ("klager", false));
        CaseAssert.LetterKinds(@case, "UitlegSchriftelijkIndienen", "NietOntvankelijk");
        Assert.Empty(CaseAssert.Tasks(@case, "Open"));
        Assert.Empty(await _driver.TasksAsync("directeur", complaint));
        await _driver.AssertFinishedAsync(complaint);
    }

    [Fact]
    public async Task WrittenComplaint_ExactlyTwoYearsAfterTheEvent_IsStillAdmissible()
    {
        var body = ProcedureDriver.Complaint(new DateOnly(2026, 12, 1), "Informal");
        body["eventDate"] = "2024-12-10";
        var complaint = await _driver.RegisterAsync(body);
        await WalkInformalStepsAsync(complaint);

        var response = await _driver.As("directeur").PostAsync($"/api/complaints/{complaint.Id}/written-complaint",
            ElsaJson.Body(new JsonObject { ["receivedOn"] = "2026-12-10" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "Received", "Formal");
        CaseAssert.LetterKinds(@case, "UitlegSchriftelijkIndienen");
        Assert.Equal(2, (await _driver.TasksAsync("directeur", complaint)).Count);
    }

    [Fact]
    public async Task Informal_NoConcernedEmployee_StartsWithTheManagerTask()
    {
        var today = await _driver.TodayAsync();
        var body = ProcedureDriver.Complaint(today, "Informal");
        body["concernedEmployee"] = null;

        var complaint = await _driver.RegisterAsync(body);

        var task = await _driver.OpenTaskAsync("leidinggevende", complaint, Titles.Manager);
        Assert.Equal("leidinggevende", (string?)task["assignee"]);
        Assert.Empty(await _driver.TasksAsync("medewerker", complaint));
    }

    [Fact]
    public async Task ManagerTask_NotResolved_ExplainsTheWrittenComplaintAndWaitsForIt()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(new DateOnly(2026, 12, 1), "Informal"));
        await _driver.CompleteOpenTaskAsync("medewerker", complaint, Titles.Employee, "Niet opgelost");
        var managerTask = await _driver.OpenTaskAsync("leidinggevende", complaint, Titles.Manager);
        Assert.Equal("leidinggevende", (string?)managerTask["assignee"]);

        var response = await _driver.CompleteAsync("leidinggevende", managerTask, "Niet opgelost");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "Informal", "Informal");
        CaseAssert.Letter(@case, "UitlegSchriftelijkIndienen", ("klager", false));
        CaseAssert.LetterKinds(@case, "UitlegSchriftelijkIndienen");
        Assert.Empty(CaseAssert.Tasks(@case, "Open"));
        Assert.Equal("Suspended", (await _driver.InstanceAsync(complaint)).SubStatus);
    }

    [Fact]
    public async Task WrittenComplaint_AfterInformalSteps_StartsTheFormalProcedureCountingFromItsReceipt()
    {
        var complaint = await WaitingForWrittenComplaintAsync();

        var response = await _driver.As("directeur").PostAsync($"/api/complaints/{complaint.Id}/written-complaint",
            ElsaJson.Body(new JsonObject { ["receivedOn"] = "2026-12-10" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Received", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]);
        var @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "Received", "Formal");

        // Two weeks after the written complaint came in (Thursday 10 → Thursday 24 December), not after the first contact.
        var receipt = await _driver.OpenTaskAsync("directeur", complaint, Titles.Receipt);
        Assert.Equal(("directeur", "2026-12-24"), ((string?)receipt["role"], (string?)receipt["due"]));
        Assert.Equal(new DateTimeOffset(2026, 12, 25, 0, 0, 0, TimeSpan.FromHours(1)), receipt["expiresAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("2026-12-24", (string?)CaseAssert.Term(@case, Titles.Receipt)["due"]);

        // Ten working days after Thursday 10 December as well.
        await _driver.ConfirmReceiptAsync(complaint);
        Assert.Equal("2026-12-24", (string?)(await _driver.OpenTaskAsync("directeur", complaint, Titles.Contact))["due"]);
    }

    [Fact]
    public async Task WrittenComplaint_DatedTomorrowInAmsterdam_Returns400AndKeepsWaiting()
    {
        var complaint = await WaitingForWrittenComplaintAsync();
        var today = await _driver.TodayAsync();
        await _driver.SetClockAsync(ProcedureDriver.At(today.AddDays(1), 12));

        var response = await _driver.As("directeur").PostAsync($"/api/complaints/{complaint.Id}/written-complaint",
            ElsaJson.Body(new JsonObject { ["receivedOn"] = ProcedureDriver.Iso(today.AddDays(2)) }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey("receivedOn"));
        CaseAssert.Status(await _driver.CaseAsync(complaint), "Informal", "Informal");
    }

    [Fact]
    public async Task WrittenComplaint_DatedBeforeTheComplaintWasReceived_Returns400AndKeepsWaiting()
    {
        var complaint = await WaitingForWrittenComplaintAsync();

        var response = await _driver.As("directeur").PostAsync($"/api/complaints/{complaint.Id}/written-complaint",
            ElsaJson.Body(new JsonObject { ["receivedOn"] = "2026-11-20" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadObjectAsync())["errors"]!.AsObject().ContainsKey("receivedOn"));
        CaseAssert.Status(await _driver.CaseAsync(complaint), "Informal", "Informal");
    }

    [Fact]
    public async Task Withdraw_WhileWaitingForTheWrittenComplaint_ConfirmsAndClosesTheCase()
    {
        var complaint = await WaitingForWrittenComplaintAsync();

        var response = await _driver.As("directeur").PostAsync($"/api/complaints/{complaint.Id}/withdraw", ElsaJson.Body(new JsonObject()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "Withdrawn", "Informal");
        CaseAssert.Letter(@case, "BevestigingIntrekking", ("klager", false), ("leidinggevende", true));
        await _driver.AssertFinishedAsync(complaint);
    }

    [Fact]
    public async Task Withdraw_DuringTheEmployeeTask_CancelsItAndClosesTheCase()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(new DateOnly(2026, 12, 1), "Informal"));

        var response = await _driver.As("directeur").PostAsync($"/api/complaints/{complaint.Id}/withdraw", ElsaJson.Body(new JsonObject()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "Withdrawn", "Informal");
        Assert.Equal("Cancelled", (string?)Assert.Single(CaseAssert.Tasks(@case))["status"]);
        Assert.Empty(await _driver.TasksAsync("medewerker", complaint));
        await _driver.AssertFinishedAsync(complaint);
    }

    private async Task<Registered> WaitingForWrittenComplaintAsync()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(new DateOnly(2026, 12, 1), "Informal"));
        await WalkInformalStepsAsync(complaint);
        return complaint;
    }

    private async Task WalkInformalStepsAsync(Registered complaint)
    {
        await _driver.CompleteOpenTaskAsync("medewerker", complaint, Titles.Employee, "Niet opgelost");
        await _driver.CompleteOpenTaskAsync("leidinggevende", complaint, Titles.Manager, "Niet opgelost");
    }
}

public sealed class SqliteInformalStageTests(SqliteProcedureFixture fixture)
    : InformalStageTests(fixture), IClassFixture<SqliteProcedureFixture>;

public sealed class PostgreSqlInformalStageTests(PostgreSqlProcedureFixture fixture)
    : InformalStageTests(fixture), IClassFixture<PostgreSqlProcedureFixture>;
