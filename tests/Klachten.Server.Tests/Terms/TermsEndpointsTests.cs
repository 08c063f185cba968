using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Terms;

public sealed class TermsEndpointsTests(TermsServerFixture fixture) : IClassFixture<TermsServerFixture>
{
    private readonly HttpClient _staff = fixture.Factory.As("medewerker");

    [Fact]
    public async Task Preview_TenWorkingDaysOverChristmas_ReturnsTermWithSkippedDaysAndExplanation()
    {
        var response = await _staff.GetAsync("/api/terms/preview?start=2026-12-23&amount=10&unit=WorkingDays");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = JsonNode.Parse("""
            {
              "start": "2026-12-23",
              "amount": 10,
              "unit": "WorkingDays",
              "due": "2027-01-08",
              "expiresAt": "2027-01-09T00:00:00+01:00",
              "skipped": [
                { "date": "2026-12-25", "reason": "Eerste Kerstdag" },
                { "date": "2026-12-26", "reason": "Tweede Kerstdag" },
                { "date": "2026-12-27", "reason": "zondag" },
                { "date": "2027-01-01", "reason": "Nieuwjaarsdag" },
                { "date": "2027-01-02", "reason": "zaterdag" },
                { "date": "2027-01-03", "reason": "zondag" }
              ],
              "explanation": "De termijn van 10 werkdagen na 23 december 2026 loopt tot en met 8 januari 2027; weekenden, Eerste Kerstdag, Tweede Kerstdag en Nieuwjaarsdag tellen niet mee."
            }
            """);
        Assert.Equal(expected!.ToJsonString(), (await response.ReadObjectAsync()).ToJsonString());
    }

    [Fact]
    public async Task Preview_SummerTerm_ExpiresAtCarriesSummerOffset()
    {
        var body = await (await _staff.GetAsync("/api/terms/preview?start=2026-05-11&amount=2&unit=Weeks")).ReadObjectAsync();

        Assert.Equal("2026-05-26", (string?)body["due"]);
        Assert.Equal("2026-05-27T00:00:00+02:00", (string?)body["expiresAt"]);
    }

    [Fact]
    public async Task Preview_OverConfiguredClosureDay_SkipsItWithItsName()
    {
        var body = await (await _staff.GetAsync("/api/terms/preview?start=2027-05-05&amount=2&unit=workingdays")).ReadObjectAsync();

        Assert.Equal("2027-05-11", (string?)body["due"]);
        Assert.Contains(body["skipped"]!.AsArray(), s => (string?)s!["date"] == "2027-05-07" && (string?)s["reason"] == "Vrijdag na Hemelvaartsdag");
    }

    [Theory]
    [InlineData("amount=10&unit=WorkingDays", "start")]
    [InlineData("start=&amount=10&unit=WorkingDays", "start")]
    [InlineData("start=2026-13-01&amount=10&unit=WorkingDays", "start")]
    [InlineData("start=23-12-2026&amount=10&unit=WorkingDays", "start")]
    [InlineData("start=gisteren&amount=10&unit=WorkingDays", "start")]
    [InlineData("start=9999-12-31&amount=10&unit=WorkingDays", "start")]
    [InlineData("start=2026-12-23&unit=WorkingDays", "amount")]
    [InlineData("start=2026-12-23&amount=0&unit=WorkingDays", "amount")]
    [InlineData("start=2026-12-23&amount=-5&unit=WorkingDays", "amount")]
    [InlineData("start=2026-12-23&amount=367&unit=WorkingDays", "amount")]
    [InlineData("start=2026-12-23&amount=99999999999999999999&unit=WorkingDays", "amount")]
    [InlineData("start=2026-12-23&amount=tien&unit=WorkingDays", "amount")]
    [InlineData("start=2026-12-23&amount=1.5&unit=WorkingDays", "amount")]
    [InlineData("start=2026-12-23&amount=10", "unit")]
    [InlineData("start=2026-12-23&amount=10&unit=Months", "unit")]
    [InlineData("start=2026-12-23&amount=10&unit=2", "unit")]
    [InlineData("start=2026-12-23&amount=10&unit=CalendarDays,Weeks", "unit")]
    public async Task Preview_BadInput_Returns400ProblemNamingTheField(string query, string field)
    {
        var response = await _staff.GetAsync($"/api/terms/preview?{query}");

        var errors = await AssertValidationProblemAsync(response);
        Assert.Equal([field], errors.Select(e => e.Key));
    }

    [Fact]
    public async Task Preview_EverythingMissing_ReportsEachField()
    {
        var errors = await AssertValidationProblemAsync(await _staff.GetAsync("/api/terms/preview"));

        Assert.Equal(["amount", "start", "unit"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Preview_Anonymous_Returns401()
    {
        var response = await fixture.Factory.CreateClient().GetAsync("/api/terms/preview?start=2026-12-23&amount=10&unit=WorkingDays");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Holidays_2027_ListsStatutoryAndConfiguredDaysInOrder()
    {
        var response = await _staff.GetAsync("/api/calendar/holidays?year=2027");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var days = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray()
            .Select(d => $"{(string?)d!["date"]} {(string?)d["name"]}");
        Assert.Equal(
        [
            "2027-01-01 Nieuwjaarsdag",
            "2027-03-26 Goede Vrijdag",
            "2027-03-28 Eerste Paasdag",
            "2027-03-29 Tweede Paasdag",
            "2027-04-27 Koningsdag",
            "2027-05-05 Bevrijdingsdag",
            "2027-05-06 Hemelvaartsdag",
            "2027-05-07 Vrijdag na Hemelvaartsdag",
            "2027-05-16 Eerste Pinksterdag",
            "2027-05-17 Tweede Pinksterdag",
            "2027-12-25 Eerste Kerstdag",
            "2027-12-26 Tweede Kerstdag",
        ], days);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?year=")]
    [InlineData("?year=1899")]
    [InlineData("?year=2201")]
    [InlineData("?year=twintig")]
    [InlineData("?year=2027.5")]
    public async Task Holidays_BadYear_Returns400ProblemNamingYear(string query)
    {
        var errors = await AssertValidationProblemAsync(await _staff.GetAsync($"/api/calendar/holidays{query}"));

        Assert.Equal(["year"], errors.Select(e => e.Key));
    }

    [Fact]
    public async Task Holidays_Anonymous_Returns401()
    {
        var response = await fixture.Factory.CreateClient().GetAsync("/api/calendar/holidays?year=2027");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<JsonObject> AssertValidationProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadObjectAsync();
        Assert.Equal("Ongeldige invoer", (string?)problem["title"]);
        var errors = problem["errors"]!.AsObject();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace((string?)e.Value![0])));
        return errors;
    }
}
