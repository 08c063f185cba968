using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klachten.Contracts;
using Klachten.Server.Tests.Procedure;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Tests.Audit;

/// <summary>
/// Every access to a complaint leaves exactly one audit row with who, what kind and whether it was allowed; the
/// concerned employee and manager, who get 404, leave a refused row. Read back through
/// <c>GET /api/complaints/{id}/audit</c> as the beheerder.
/// </summary>
public abstract partial class AuditTrailTests(ProcedureFixture fixture)
{
    private readonly ProcedureDriver _driver = new(fixture.Factory);

    [Fact]
    public async Task GetComplaint_AsDirector_LeavesOneAllowedViewCaseRow()
    {
        var complaint = await RegisterAsync();

        using var response = await _driver.As("directeur").GetAsync($"/api/complaints/{complaint.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([("directeur", "ViewCase", true)], await TrailAsync(complaint));
    }

    [Theory]
    [InlineData("medewerker")]
    [InlineData("leidinggevende")]
    public async Task GetComplaint_AsConcernedPerson_Returns404AndLeavesOneRefusedRow(string user)
    {
        var complaint = await RegisterAsync();

        using var response = await _driver.As(user).GetAsync($"/api/complaints/{complaint.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal([(user, "ViewCase", false)], await TrailAsync(complaint));
    }

    [Fact]
    public async Task CasePage_AsDirectorThenConcernedManager_LeavesOneAllowedAndOneRefusedRow()
    {
        var complaint = await RegisterAsync();

        using var allowed = await _driver.As("directeur").GetAsync($"/klachten/{complaint.Id}");
        using var refused = await _driver.As("leidinggevende").GetAsync($"/klachten/{complaint.Id}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (allowed.StatusCode, refused.StatusCode));
        Assert.Equal([("directeur", "ViewCase", true), ("leidinggevende", "ViewCase", false)], await TrailAsync(complaint));
    }

    [Fact]
    public async Task UnknownComplaint_Requested_LeavesNoRowAnywhere()
    {
        var before = await _driver.QueryAsync(db => db.AuditEntries.CountAsync());

        using var response = await _driver.As("directeur").GetAsync($"/api/complaints/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await _driver.QueryAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task TaskPage_AsDirectorThenConcernedEmployee_LeavesOneAllowedAndOneRefusedViewTaskRow()
    {
        var complaint = await RegisterAsync();
        var task = await _driver.OpenTaskAsync("directeur", complaint, Titles.Receipt);

        using var allowed = await _driver.As("directeur").GetAsync($"/taken/{task["id"]}");
        using var refused = await _driver.As("medewerker").GetAsync($"/taken/{task["id"]}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (allowed.StatusCode, refused.StatusCode));
        Assert.Equal([("directeur", "ViewTask", true), ("medewerker", "ViewTask", false)], await TrailAsync(complaint));
    }

    [Fact]
    public async Task LetterPdf_DownloadedThenRefused_LeavesOneRowEach()
    {
        var complaint = await RegisterAsync();
        await _driver.ConfirmReceiptAsync(complaint);
        await _driver.LettersSettledAsync();
        var letterId = await _driver.QueryAsync(db => db.Letters.Where(l => l.ComplaintId == complaint.Id && l.Pdf != null).Select(l => l.Id).SingleAsync());
        var download = $"/klachten/{complaint.Id}?handler=Pdf&letterId={letterId}";

        using var allowed = await _driver.As("directeur").GetAsync(download);
        using var refused = await _driver.As("leidinggevende").GetAsync(download);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (allowed.StatusCode, refused.StatusCode));
        Assert.Equal([("directeur", "DownloadPdf", true), ("leidinggevende", "DownloadPdf", false)], await TrailAsync(complaint));
    }

    [Fact]
    public async Task DossierDocument_OpenedThenRefused_LeavesOneRowEachAndServesTheContent()
    {
        var complaint = await RegisterAsync();
        await _driver.ConfirmReceiptAsync(complaint);
        await _driver.ContactAsync(complaint);
        var document = Assert.Single(await _driver.OutboxAsync(complaint, nameof(ArchiveDocument)));
        var open = $"/klachten/{complaint.Id}?handler=Document&documentId={document.Id}";

        using var allowed = await _driver.As("directeur").GetAsync(open);
        using var refused = await _driver.As("medewerker").GetAsync(open);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (allowed.StatusCode, refused.StatusCode));
        Assert.Equal("Gebeld met de klager.", await allowed.Content.ReadAsStringAsync());
        Assert.Equal([("directeur", "ViewDocument", true), ("medewerker", "ViewDocument", false)], await TrailAsync(complaint));
    }

    [Fact]
    public async Task AnnualFiguresCsv_Exported_LeavesOneExportRowPerComplaintOfTheYear()
    {
        var complaint = await RegisterAsync();
        var year = (await _driver.TodayAsync()).Year;
        var ofYear = await _driver.QueryAsync(db => db.Complaints.Where(c => c.ReceivedOn.Year == year).Select(c => c.Id).ToListAsync());
        var lastRow = await _driver.QueryAsync(db => db.AuditEntries.MaxAsync(a => (long?)a.Id)) ?? 0;

        using var response = await _driver.As("directeur").GetAsync($"/overzicht?handler=csv&jaar={year}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([("directeur", "Export", true)], await TrailAsync(complaint));
        var added = await _driver.QueryAsync(db => db.AuditEntries.Where(a => a.Id > lastRow).Select(a => new { a.ComplaintId, a.Kind }).ToListAsync());
        Assert.All(added, a => Assert.Equal(Persistence.AuditKind.Export, a.Kind));
        Assert.Equal(ofYear.Order(), added.Select(a => a.ComplaintId).Order());
    }

    [Fact]
    public async Task AnnualFiguresCsv_ByDirectorWhoIsTheConcernedManager_LeavesNoRowForThatComplaint()
    {
        var body = ProcedureDriver.Complaint(await _driver.TodayAsync());
        body["manager"] = ProcedureFixture.Deputy;
        var complaint = await _driver.RegisterAsync(body);

        using var response = await _driver.As(ProcedureFixture.Deputy).GetAsync($"/overzicht?handler=csv&jaar={(await _driver.TodayAsync()).Year}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await TrailAsync(complaint));
    }

    [Fact]
    public async Task Audit_Listed_IsOldestFirstWithTheContractFields()
    {
        var complaint = await RegisterAsync();
        await _driver.As("commissie").GetAsync($"/api/complaints/{complaint.Id}");
        await _driver.As("medewerker").GetAsync($"/api/complaints/{complaint.Id}");
        await _driver.AdvanceDaysAsync(1);
        await _driver.As("directeur").GetAsync($"/klachten/{complaint.Id}");

        var items = await ItemsAsync(complaint);

        Assert.Equal(["commissie", "medewerker", "directeur"], items.Select(i => (string)i["user"]!));
        Assert.All(items, i => Assert.Equal(["at", "user", "kind", "allowed"], i.Select(p => p.Key)));
        var instants = items.Select(i => (DateTimeOffset)i["at"]!).ToList();
        Assert.Equal(instants.Order(), instants);
        Assert.True(instants[2] > instants[1]);
    }

    private async Task<Registered> RegisterAsync() => await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.TodayAsync()));

    private async Task<List<JsonObject>> ItemsAsync(Registered complaint)
    {
        var audit = await _driver.As("beheerder").GetFromJsonAsync<JsonObject>($"/api/complaints/{complaint.Id}/audit");
        return [.. audit!["items"]!.AsArray().Select(i => i!.AsObject())];
    }

    private async Task<List<(string User, string Kind, bool Allowed)>> TrailAsync(Registered complaint) =>
        [.. (await ItemsAsync(complaint)).Select(i => ((string)i["user"]!, (string)i["kind"]!, (bool)i["allowed"]!))];
}

public sealed class SqliteAuditTrailTests(SqliteProcedureFixture fixture)
    : AuditTrailTests(fixture), IClassFixture<SqliteProcedureFixture>;

public sealed class PostgreSqlAuditTrailTests(PostgreSqlProcedureFixture fixture)
    : AuditTrailTests(fixture), IClassFixture<PostgreSqlProcedureFixture>;
