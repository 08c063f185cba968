using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Procedure;

/// <summary>
/// Articles 3 and 4 side by side (issue 16 item 8): "direct nadat de directeur de klacht heeft ontvangen" the contact
/// task is offered next to the receipt confirmation; the complaint goes to the committee only when contact did not
/// lead to withdrawal and the receipt letter went out, and the receipt letter always goes out before anything else.
/// </summary>
public abstract class ReceiptAndContactTests(ProcedureFixture fixture)
{
    private readonly ProcedureDriver _driver = new(fixture.Factory);

    [Fact]
    public async Task Register_Formal_OffersReceiptAndContactAtOnceWithTheirTermsFromReceipt()
    {
        // Received Friday 18 December 2026: two weeks end on Nieuwjaarsdag, so Monday 4 January; ten working days skip
        // both Christmas days and Nieuwjaarsdag, so Tuesday 5 January.
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(new DateOnly(2026, 12, 18)));

        var tasks = await _driver.TasksAsync("directeur", complaint);
        Assert.Equal([Titles.Receipt, Titles.Contact], tasks.Select(t => (string)t["title"]!).Order(StringComparer.Ordinal).ToList());
        Assert.Equal("2027-01-04", (string?)Assert.Single(tasks, t => (string?)t["title"] == Titles.Receipt)["due"]);
        Assert.Equal("2027-01-05", (string?)Assert.Single(tasks, t => (string?)t["title"] == Titles.Contact)["due"]);
        var @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "Received", "Formal");
        Assert.Empty(CaseAssert.Letters(@case));
        Assert.Equal(2, CaseAssert.Tasks(@case, "Open").Count);
    }

    [Fact]
    public async Task Contact_NotWithdrawnBeforeTheReceipt_WaitsForTheReceiptLetterBeforeSubmitting()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.AdvanceDaysAsync(1)));

        await _driver.ContactAsync(complaint, "Niet ingetrokken");

        var open = await _driver.TasksAsync("directeur", complaint);
        Assert.Equal(Titles.Receipt, (string?)Assert.Single(open)["title"]);
        var @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "Received", "Formal");
        Assert.Empty(CaseAssert.Letters(@case));

        await _driver.ConfirmReceiptAsync(complaint);

        Assert.Equal(Titles.Submit, (string?)Assert.Single(await _driver.TasksAsync("directeur", complaint))["title"]);
        @case = await _driver.CaseAsync(complaint);
        CaseAssert.LetterKinds(@case, "Ontvangstbevestiging");
        await _driver.SubmitAsync(complaint);
        @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "WithCommittee", "Formal");
        CaseAssert.LetterKinds(@case, "Ontvangstbevestiging", "VoorgelegdAanCommissie");
        Assert.Equal(Titles.Advice, (string?)Assert.Single(CaseAssert.Tasks(@case, "Open"))["title"]);
    }

    [Fact]
    public async Task Receipt_ConfirmedFirst_SubmissionWaitsForTheContact()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.AdvanceDaysAsync(1)));

        await _driver.ConfirmReceiptAsync(complaint);

        Assert.Equal(Titles.Contact, (string?)Assert.Single(await _driver.TasksAsync("directeur", complaint))["title"]);
        CaseAssert.Status(await _driver.CaseAsync(complaint), "InConversation", "Formal");
        await _driver.ContactAsync(complaint, "Niet ingetrokken");
        Assert.Equal(Titles.Submit, (string?)Assert.Single(await _driver.TasksAsync("directeur", complaint))["title"]);
    }

    [Fact]
    public async Task Contact_WithdrawnBeforeTheReceipt_SendsTheReceiptThenTheWithdrawalAndClosesTheReceiptTask()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.AdvanceDaysAsync(1)));

        await _driver.ContactAsync(complaint, "Ingetrokken");

        var @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "Withdrawn", "Formal");
        CaseAssert.Letter(@case, "Ontvangstbevestiging", ("klager", false), ("leidinggevende", true));
        CaseAssert.Letter(@case, "BevestigingIntrekking", ("klager", false), ("leidinggevende", true));
        CaseAssert.LetterKinds(@case, "Ontvangstbevestiging", "BevestigingIntrekking");
        AssertReceiptRequestedFirst(@case);
        Assert.Equal("Cancelled", (string?)Assert.Single(CaseAssert.Tasks(@case), t => (string?)t["title"] == Titles.Receipt)["status"]);
        Assert.Equal(true, (bool?)CaseAssert.Term(@case, Titles.Receipt)["met"]);
        Assert.Empty(await _driver.TasksAsync("directeur", complaint));
        await _driver.AssertFinishedAsync(complaint);
    }

    [Fact]
    public async Task Withdraw_BeforeTheReceipt_SendsTheReceiptLetterOnceThenTheWithdrawal()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.AdvanceDaysAsync(1)));

        var response = await _driver.As("directeur").PostAsync($"/api/complaints/{complaint.Id}/withdraw", ElsaJson.Body(new JsonObject()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "Withdrawn", "Formal");
        CaseAssert.LetterKinds(@case, "Ontvangstbevestiging", "BevestigingIntrekking");
        AssertReceiptRequestedFirst(@case);
        Assert.Equal(["Cancelled", "Cancelled"], CaseAssert.Tasks(@case).Select(t => (string)t["status"]!).ToList());
        await _driver.AssertFinishedAsync(complaint);
    }

    [Fact]
    public async Task Withdraw_AfterTheReceipt_SendsNoSecondReceiptLetter()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.AdvanceDaysAsync(1)));
        await _driver.ConfirmReceiptAsync(complaint);

        await _driver.ContactAsync(complaint, "Ingetrokken");

        var @case = await _driver.CaseAsync(complaint);
        CaseAssert.LetterKinds(@case, "Ontvangstbevestiging", "BevestigingIntrekking");
        await _driver.AssertFinishedAsync(complaint);
    }

    [Fact]
    public async Task WrittenComplaint_AfterTheInformalSteps_OffersReceiptAndContactAtOnce()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(new DateOnly(2026, 12, 1), "Informal"));
        await _driver.CompleteOpenTaskAsync("medewerker", complaint, Titles.Employee, "Niet opgelost");
        await _driver.CompleteOpenTaskAsync("leidinggevende", complaint, Titles.Manager, "Niet opgelost");

        var response = await _driver.As("directeur").PostAsync($"/api/complaints/{complaint.Id}/written-complaint",
            ElsaJson.Body(new JsonObject { ["receivedOn"] = "2026-12-10" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tasks = await _driver.TasksAsync("directeur", complaint);
        Assert.Equal(2, tasks.Count);

        // Both counted from Thursday 10 December: two weeks and ten working days both end on Thursday 24 December.
        Assert.Equal("2026-12-24", (string?)Assert.Single(tasks, t => (string?)t["title"] == Titles.Receipt)["due"]);
        Assert.Equal("2026-12-24", (string?)Assert.Single(tasks, t => (string?)t["title"] == Titles.Contact)["due"]);
        CaseAssert.LetterKinds(await _driver.CaseAsync(complaint), "UitlegSchriftelijkIndienen");
    }

    [Fact]
    public async Task Withdraw_InTheInformalStage_SendsNoReceiptLetter()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(new DateOnly(2026, 12, 1), "Informal"));

        (await _driver.As("directeur").PostAsync($"/api/complaints/{complaint.Id}/withdraw", ElsaJson.Body(new JsonObject()))).EnsureSuccessStatusCode();

        CaseAssert.LetterKinds(await _driver.CaseAsync(complaint), "BevestigingIntrekking");
        await _driver.AssertFinishedAsync(complaint);
    }

    private static void AssertReceiptRequestedFirst(JsonObject @case)
    {
        var timeline = CaseAssert.Timeline(@case);
        var receipt = timeline.FindIndex(t => t == "Brief 'Ontvangstbevestiging' aangevraagd.");
        var withdrawal = timeline.FindIndex(t => t == "Brief 'Bevestiging van de intrekking' aangevraagd.");
        Assert.True(receipt >= 0 && receipt < withdrawal, string.Join(Environment.NewLine, timeline));
    }
}

public sealed class SqliteReceiptAndContactTests(SqliteProcedureFixture fixture)
    : ReceiptAndContactTests(fixture), IClassFixture<SqliteProcedureFixture>;

public sealed class PostgreSqlReceiptAndContactTests(PostgreSqlProcedureFixture fixture)
    : ReceiptAndContactTests(fixture), IClassFixture<PostgreSqlProcedureFixture>;
