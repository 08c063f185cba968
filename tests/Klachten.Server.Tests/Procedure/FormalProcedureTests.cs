using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Procedure;

/// <summary>
/// Articles 3 to 7 of the regulation — receipt, contact, withdrawal, committee (with one extension) and decision —
/// driven through the HTTP API on the manual clock, on both providers. Every test registers its own complaint.
/// </summary>
public abstract class FormalProcedureTests(ProcedureFixture fixture)
{
    private readonly ProcedureDriver _driver = new(fixture.Factory);

    [Fact]
    public async Task Contact_Withdrawn_ConfirmsTheWithdrawalAndFinishesOverChristmasTerms()
    {
        // Received Friday 18 December 2026: two weeks end on Nieuwjaarsdag, so Monday 4 January; ten working days
        // skip both Christmas days and Nieuwjaarsdag, so Tuesday 5 January.
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(new DateOnly(2026, 12, 18)));
        Assert.Equal("Received", complaint.Status);
        var receipt = await _driver.OpenTaskAsync("directeur", complaint, Titles.Receipt);
        Assert.Equal(("directeur", "2027-01-04"), ((string?)receipt["role"], (string?)receipt["due"]));
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 0, 0, 0, TimeSpan.FromHours(1)), receipt["expiresAt"]!.GetValue<DateTimeOffset>());
        CaseAssert.Status(await _driver.CaseAsync(complaint), "Received", "Formal");

        await _driver.ConfirmReceiptAsync(complaint);

        var @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "InConversation", "Formal");
        CaseAssert.Letter(@case, "Ontvangstbevestiging", ("klager", false), ("leidinggevende", true));
        var contact = await _driver.OpenTaskAsync("directeur", complaint, Titles.Contact);
        Assert.Equal("2027-01-05", (string?)contact["due"]);
        Assert.Contains("contactnotitie", contact["requiredFields"]!.AsArray().Select(f => (string?)f));

        await _driver.ContactAsync(complaint, "Ingetrokken");

        @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "Withdrawn", "Formal");
        CaseAssert.Letter(@case, "BevestigingIntrekking", ("klager", false), ("leidinggevende", true));
        CaseAssert.LetterKinds(@case, "Ontvangstbevestiging", "BevestigingIntrekking");
        Assert.Empty(CaseAssert.Tasks(@case, "Open"));
        await _driver.AssertFinishedAsync(complaint);
    }

    [Fact]
    public async Task Advice_WithinTerm_LeadsToTheDecisionWithEveryTermMet()
    {
        var receivedOn = await _driver.AdvanceDaysAsync(1);
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(receivedOn));
        var receipt = await _driver.OpenTaskAsync("directeur", complaint, Titles.Receipt);
        Assert.Equal(await _driver.TermDueAsync(receivedOn, 2, "Weeks"), ProcedureDriver.Date(receipt["due"]));

        await _driver.AdvanceDaysAsync(2);
        await _driver.ConfirmReceiptAsync(complaint);
        var contact = await _driver.OpenTaskAsync("directeur", complaint, Titles.Contact);
        Assert.Equal(await _driver.TermDueAsync(receivedOn, 10, "WorkingDays"), ProcedureDriver.Date(contact["due"]));

        var submitDay = await _driver.AdvanceDaysAsync(1);
        await _driver.ContactAsync(complaint, "Niet ingetrokken");
        var submit = await _driver.OpenTaskAsync("directeur", complaint, Titles.Submit);
        Assert.Equal(await _driver.TermDueAsync(submitDay, 1, "WorkingDays"), ProcedureDriver.Date(submit["due"]));
        CaseAssert.Status(await _driver.CaseAsync(complaint), "InConversation", "Formal");

        await _driver.SubmitAsync(complaint);

        var @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "WithCommittee", "Formal");
        CaseAssert.Letter(@case, "VoorgelegdAanCommissie", ("klager", false));
        var sent = Assert.Single(await _driver.OutboxAsync(complaint, "SendLetter"), m => m.PayloadJson.Contains("VoorgelegdAanCommissie", StringComparison.Ordinal));
        Assert.Contains("werkwijze-klachtencommissie", JsonNode.Parse(sent.PayloadJson)!["attachments"]!.AsArray().Select(a => (string?)a));
        var advice = await _driver.OpenTaskAsync("commissie", complaint, Titles.Advice);
        Assert.Equal("klachtencommissie", (string?)advice["role"]);
        Assert.Equal(await _driver.TermDueAsync(submitDay, 3, "Weeks"), ProcedureDriver.Date(advice["due"]));

        var adviceDay = await _driver.AdvanceDaysAsync(10);
        await _driver.AdviseAsync(complaint, "Gegrond");

        CaseAssert.Status(await _driver.CaseAsync(complaint), "AwaitingDecision", "Formal");
        var decision = await _driver.OpenTaskAsync("directeur", complaint, Titles.Decision);
        Assert.Equal(await _driver.TermDueAsync(adviceDay, 5, "WorkingDays"), ProcedureDriver.Date(decision["due"]));

        await _driver.AdvanceDaysAsync(1);
        await _driver.DecideAsync(complaint);

        @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "Decided", "Formal");
        // Art. 7: complainant and manager each get a letter of their own; the committee a copy (of the complainant's).
        Assert.Equal(["klachtencommissie:true,klager:false", "leidinggevende:false"], CaseAssert.Letters(@case).Where(l => (string?)l["kind"] == "Besluit")
            .Select(l => string.Join(',', l["recipients"]!.AsArray().Select(r => $"{r!["role"]}:{r["copy"]}").Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal));
        CaseAssert.LetterKinds(@case, "Ontvangstbevestiging", "VoorgelegdAanCommissie", "Besluit", "Besluit");
        var terms = @case["terms"]!.AsArray();
        Assert.Equal(5, terms.Count);
        Assert.All(terms, t => Assert.True((bool?)t!["met"] == true && t["metOn"] is not null, $"Term '{t!["name"]}' not met: {t.ToJsonString()}"));
        await _driver.AssertFinishedAsync(complaint);
    }

    [Fact]
    public async Task Advice_Extended_GivesSixWeeksFromSubmissionThenLeadsToTheDecision()
    {
        var submitDay = await _driver.AdvanceDaysAsync(1);
        var complaint = await _driver.WalkToCommitteeAsync(submitDay);
        await _driver.AdvanceDaysAsync(4);

        await _driver.AdviseAsync(complaint, "Verlengen");

        var @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "WithCommittee", "Formal");
        CaseAssert.Letter(@case, "VerlengingAdviestermijn", ("klager", false));
        Assert.True((bool?)CaseAssert.Term(@case, Titles.Advice)["met"]);
        var extended = await _driver.OpenTaskAsync("commissie", complaint, Titles.ExtendedAdvice);
        Assert.Equal(await _driver.TermDueAsync(submitDay, 6, "Weeks"), ProcedureDriver.Date(extended["due"]));

        await _driver.AdvanceDaysAsync(14);
        await _driver.AdviseAsync(complaint, "Deels gegrond", extended: true);
        CaseAssert.Status(await _driver.CaseAsync(complaint), "AwaitingDecision", "Formal");
        await _driver.DecideAsync(complaint);

        @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "Decided", "Formal");
        CaseAssert.LetterKinds(@case, "Ontvangstbevestiging", "VoorgelegdAanCommissie", "VerlengingAdviestermijn", "Besluit", "Besluit");
        await _driver.AssertFinishedAsync(complaint);
    }

    [Fact]
    public async Task ExtendedAdvice_ExtendAgain_Returns409WithDutchReasonAndTheTaskStaysOpen()
    {
        var complaint = await _driver.WalkToCommitteeAsync(await _driver.AdvanceDaysAsync(1));
        await _driver.AdviseAsync(complaint, "Verlengen");
        var extended = await _driver.OpenTaskAsync("commissie", complaint, Titles.ExtendedAdvice);

        var response = await _driver.CompleteAsync("commissie", extended, "Verlengen", new JsonObject { ["toelichting"] = "Nog meer tijd nodig." });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadObjectAsync();
        Assert.Contains("eenmaal verlengd", (string?)problem["detail"], StringComparison.Ordinal);
        var still = await _driver.OpenTaskAsync("commissie", complaint, Titles.ExtendedAdvice);
        Assert.Equal(((string?)extended["id"], (int)extended["version"]!), ((string?)still["id"], (int)still["version"]!));
        CaseAssert.LetterKinds(await _driver.CaseAsync(complaint), "Ontvangstbevestiging", "VoorgelegdAanCommissie", "VerlengingAdviestermijn");
    }

    [Fact]
    public async Task Terms_StepsJustAfterMidnightInAmsterdam_CountFromTheDutchDate()
    {
        // 00:30 in Amsterdam is still the previous day in UTC: every term counted from "today" must use the Dutch date.
        var day = (await _driver.TodayAsync()).AddDays(2);
        await _driver.SetClockAsync(ProcedureDriver.At(day, 0, 30));

        var complaint = await _driver.WalkToCommitteeAsync(day);

        var advice = await _driver.OpenTaskAsync("commissie", complaint, Titles.Advice);
        Assert.Equal(await _driver.TermDueAsync(day, 3, "Weeks"), ProcedureDriver.Date(advice["due"]));
        var adviceDay = day.AddDays(1);
        await _driver.SetClockAsync(ProcedureDriver.At(adviceDay, 0, 30));
        await _driver.AdviseAsync(complaint, "Ongegrond");
        var decision = await _driver.OpenTaskAsync("directeur", complaint, Titles.Decision);
        Assert.Equal(await _driver.TermDueAsync(adviceDay, 5, "WorkingDays"), ProcedureDriver.Date(decision["due"]));
    }

    [Fact]
    public async Task Register_EventMoreThanTwoYearsBefore_IsNotAdmissibleWithALetterAndNoTasks()
    {
        var today = await _driver.TodayAsync();
        var body = ProcedureDriver.Complaint(today);
        body["eventDate"] = ProcedureDriver.Iso(today.AddYears(-2).AddDays(-1));

        var complaint = await _driver.RegisterAsync(body);

        Assert.Equal("NotAdmissible", complaint.Status);
        var @case = await _driver.CaseAsync(complaint);
        CaseAssert.Status(@case, "NotAdmissible", "Formal");
        CaseAssert.Letter(@case, "NietOntvankelijk", ("klager", false));
        CaseAssert.LetterKinds(@case, "NietOntvankelijk");
        Assert.Empty(CaseAssert.Tasks(@case));
        await _driver.AssertFinishedAsync(complaint);
    }

    [Fact]
    public async Task Register_EventExactlyTwoYearsBefore_IsStillAdmissible()
    {
        var today = await _driver.TodayAsync();
        var body = ProcedureDriver.Complaint(today);
        body["eventDate"] = ProcedureDriver.Iso(today.AddYears(-2));

        var complaint = await _driver.RegisterAsync(body);

        Assert.Equal("Received", complaint.Status);
        await _driver.OpenTaskAsync("directeur", complaint, Titles.Receipt);
    }

    [Fact]
    public async Task Receipt_DiscriminationWithConfidentialAdviser_CopiesTheRepresentative()
    {
        var body = ProcedureDriver.Complaint(await _driver.TodayAsync());
        body["category"] = "Discrimination";
        body["discriminationGround"] = "Origin";
        body["representative"] = new JsonObject { ["name"] = "Vera Vertrouwenspersoon", ["kind"] = "ConfidentialAdviser", ["email"] = "vera@example.nl" };
        var complaint = await _driver.RegisterAsync(body);

        await _driver.ConfirmReceiptAsync(complaint);

        var @case = await _driver.CaseAsync(complaint);
        Assert.Equal(("Discrimination", "Origin"), ((string?)@case["category"], (string?)@case["discriminationGround"]));
        CaseAssert.Letter(@case, "Ontvangstbevestiging", ("klager", false), ("leidinggevende", true), ("vertegenwoordiger", true));
    }

    [Fact]
    public async Task ClaimAndComplete_Answers_NameTheComplaintAsTheListDoes()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.AdvanceDaysAsync(1)));
        var task = await _driver.OpenTaskAsync("directeur", complaint, Titles.Receipt);

        using var claim = await _driver.As("directeur").PostAsync($"/api/tasks/{task["id"]}/claim", null);
        var claimed = JsonNode.Parse(await claim.Content.ReadAsStringAsync())!;
        var complete = await _driver.CompleteAsync("directeur", claimed.AsObject(), "Bevestigd");
        var completed = JsonNode.Parse(await complete.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, complete.StatusCode);
        Assert.All([task, claimed, completed], t => Assert.Equal(
            (complaint.Id.ToString(), complaint.Reference),
            ((string?)t!["complaintId"], (string?)t["complaintReference"])));
    }

    [Fact]
    public async Task ReceiptLetterSent_CasePageOffersItsPdf_TheDocumentTheHashNames_NotToTheConcernedManager()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.AdvanceDaysAsync(1)));
        await _driver.ConfirmReceiptAsync(complaint);
        var letter = Assert.Single(CaseAssert.Letters(await _driver.CaseAsync(complaint)), l => (string?)l["kind"] == "Ontvangstbevestiging");
        Assert.Equal(("Sent", true), ((string?)letter["status"], (bool?)letter["hasPdf"]));
        var download = $"/klachten/{complaint.Id}?handler=Pdf&letterId={letter["id"]}";

        using var response = await _driver.As("directeur").GetAsync(download);
        using var concerned = await _driver.As("leidinggevende").GetAsync(download);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((string?)letter["sha256"], Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)));
        Assert.Equal(HttpStatusCode.NotFound, concerned.StatusCode);
    }
}

public sealed class SqliteFormalProcedureTests(SqliteProcedureFixture fixture)
    : FormalProcedureTests(fixture), IClassFixture<SqliteProcedureFixture>;

public sealed class PostgreSqlFormalProcedureTests(PostgreSqlProcedureFixture fixture)
    : FormalProcedureTests(fixture), IClassFixture<PostgreSqlProcedureFixture>;
