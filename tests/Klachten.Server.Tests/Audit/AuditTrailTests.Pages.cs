using System.Net;
using Klachten.Archive;
using Klachten.Contracts;
using Klachten.Server.Features.Audit;
using Klachten.Server.Tests.Procedure;
using Klachten.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Klachten.Server.Tests.Audit;

/// <summary>The beheerder's page of the trail, who may open it, and how long rows are kept.</summary>
public abstract partial class AuditTrailTests
{
    [Fact]
    public async Task AuditPage_AsBeheerder_ShowsEveryRowInDutch()
    {
        var complaint = await RegisterAsync();
        await _driver.As("directeur").GetAsync($"/api/complaints/{complaint.Id}");
        await _driver.As("medewerker").GetAsync($"/api/complaints/{complaint.Id}");

        using var response = await _driver.As("beheerder").GetAsync($"/klachten/{complaint.Id}/inzage");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"Inzagelogboek klacht {complaint.Reference}", html, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(html, "Klacht bekeken"));
        Assert.Equal((1, 1), (CountOf(html, ">Toegestaan<"), CountOf(html, ">Geweigerd<")));
    }

    [Theory]
    [InlineData("directeur")]
    [InlineData("procesbeheerder")]
    [InlineData("commissie")]
    [InlineData("medewerker")]
    public async Task AuditPage_AsAnotherRole_Returns403(string user)
    {
        var complaint = await RegisterAsync();

        using var page = await _driver.As(user).GetAsync($"/klachten/{complaint.Id}/inzage");
        using var api = await _driver.As(user).GetAsync($"/api/complaints/{complaint.Id}/audit");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (page.StatusCode, api.StatusCode));
    }

    [Fact]
    public async Task CasePage_LinksTheAuditForTheBeheerderOnly()
    {
        var complaint = await RegisterAsync();
        var link = $"/klachten/{complaint.Id}/inzage";

        var beheerder = await _driver.As("beheerder").GetStringAsync($"/klachten/{complaint.Id}");
        var directeur = await _driver.As("directeur").GetStringAsync($"/klachten/{complaint.Id}");

        Assert.Contains(link, beheerder, StringComparison.Ordinal);
        Assert.DoesNotContain(link, directeur, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_DossierRetentionPassed_DeletesTheClosedComplaintsRowsOnly()
    {
        // Lapsed (event more than two years back): registered NotAdmissible, and the procedure ends with the letter.
        var body = ProcedureDriver.Complaint(await _driver.TodayAsync());
        body["eventDate"] = ProcedureDriver.Iso((await _driver.TodayAsync()).AddYears(-3));
        var closed = await _driver.RegisterAsync(body);
        var open = await RegisterAsync();
        await _driver.As("directeur").GetAsync($"/api/complaints/{closed.Id}");
        await _driver.As("directeur").GetAsync($"/api/complaints/{open.Id}");
        var closedAt = await Eventually.Until(
            () => _driver.QueryAsync(db => db.ComplaintEvents.Where(e => e.ComplaintId == closed.Id && e.Kind == "Closed").Select(e => (DateTimeOffset?)e.At).FirstOrDefaultAsync()),
            at => at is not null);
        var years = fixture.Factory.Services.GetRequiredService<IOptions<ArchiveOptions>>().Value.RetentionYears;
        var lastDay = AmsterdamTime.Today(closedAt!.Value).AddYears(years);
        var job = fixture.Factory.Services.GetRequiredService<AuditRetentionJob>();

        await job.RunOnceAsync(ProcedureDriver.At(lastDay, 23, 59), CancellationToken.None);
        var onLastDay = (await TrailAsync(closed)).Count;
        await job.RunOnceAsync(ProcedureDriver.At(lastDay.AddDays(1), 0, 1), CancellationToken.None);

        Assert.Equal(1, onLastDay);
        Assert.Empty(await TrailAsync(closed));
        Assert.Equal([("directeur", "ViewCase", true)], await TrailAsync(open));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
