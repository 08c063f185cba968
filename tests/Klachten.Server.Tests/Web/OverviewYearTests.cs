using System.Net;
using Klachten.Server.Tests.Procedure;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Web;

/// <summary>
/// Issue 16 item 6: early in a new year the overview opens on the latest year that has complaints, not on an empty
/// current year; the current year stays one choice away. A server of its own, because the clock moves a year.
/// </summary>
public sealed class OverviewYearTests(SqliteManualClockServerFixture fixture) : IClassFixture<SqliteManualClockServerFixture>
{
    [Fact]
    public async Task Overview_InANewYearWithoutComplaints_OpensOnTheLatestYearWithComplaints()
    {
        var driver = new ProcedureDriver(fixture.Factory);
        var today = await driver.TodayAsync();
        await driver.RegisterAsync(ProcedureDriver.Complaint(today), user: "directeur");
        var newYear = new DateOnly(today.Year + 1, 1, 5);
        await driver.AdvanceToAsync(newYear);

        using var session = await WebSession.SignInAsync(fixture.Factory, "directeur");
        var opened = await session.Client.GetStringAsync("/overzicht");
        Assert.Contains($"<h2>Jaarcijfers {today.Year}</h2>", opened, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{newYear.Year}\">{newYear.Year}</option>", opened, StringComparison.Ordinal);

        using var chosen = await session.Client.GetAsync($"/overzicht?jaar={newYear.Year}");
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        Assert.Contains($"<h2>Jaarcijfers {newYear.Year}</h2>", await chosen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
