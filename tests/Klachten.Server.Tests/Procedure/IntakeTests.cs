using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Klachten.Server.Tests.Procedure;

/// <summary><c>POST /api/complaints</c>: Dutch validation keyed by field, idempotency and gap-free references.</summary>
public abstract class IntakeTests(ProcedureFixture fixture)
{
    private readonly ProcedureDriver _driver = new(fixture.Factory);

    public static TheoryData<string, string> InvalidIntakes => new()
    {
        { "discrimination without ground", "discriminationGround" },
        { "ground Other without text", "discriminationGroundText" },
        { "received tomorrow", "receivedOn" },
        { "event after receipt", "eventDate" },
        { "no e-mail nor postal address", "complainant" },
        { "unknown manager", "manager" },
        { "unknown concerned employee", "concernedEmployee" },
    };

    [Theory]
    [MemberData(nameof(InvalidIntakes))]
    public async Task Register_InvalidIntake_Returns400KeyedByFieldAndStoresNothing(string intake, string field)
    {
        var today = await _driver.TodayAsync();
        var body = ProcedureDriver.Complaint(today);
        switch (intake)
        {
            case "discrimination without ground":
                body["category"] = "Discrimination";
                break;
            case "ground Other without text":
                body["category"] = "Discrimination";
                body["discriminationGround"] = "Other";
                break;
            case "received tomorrow":
                body["receivedOn"] = ProcedureDriver.Iso(today.AddDays(1));
                break;
            case "event after receipt":
                body["eventDate"] = ProcedureDriver.Iso(today.AddDays(-1));
                body["receivedOn"] = ProcedureDriver.Iso(today.AddDays(-2));
                break;
            case "unknown manager":
                body["manager"] = "niemand-" + Guid.NewGuid().ToString("N")[..6];
                break;
            case "unknown concerned employee":
                body["concernedEmployee"] = "niemand-" + Guid.NewGuid().ToString("N")[..6];
                break;
            default:
                body["complainant"] = new JsonObject { ["name"] = "Karin Klager" };
                break;
        }

        var before = await CountsAsync();

        var response = await _driver.PostComplaintAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadObjectAsync())["errors"]!.AsObject();
        Assert.Contains(errors, e => e.Key == field || e.Key.StartsWith(field + ".", StringComparison.Ordinal));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Register_SameIdempotencyKeyTwice_ReturnsTheSameComplaintOnce()
    {
        var body = ProcedureDriver.Complaint(await _driver.TodayAsync());
        var key = Guid.NewGuid().ToString();
        var before = await CountsAsync();

        var first = await _driver.PostComplaintAsync(body, idempotencyKey: key);
        var second = await _driver.PostComplaintAsync(body, idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.True(second.IsSuccessStatusCode, $"Second registration: {(int)second.StatusCode}");
        var (a, b) = (await first.ReadObjectAsync(), await second.ReadObjectAsync());
        Assert.Equal(((string?)a["id"], (string?)a["reference"]), ((string?)b["id"], (string?)b["reference"]));
        Assert.Equal((before.Complaints + 1, before.Instances + 1), await CountsAsync());
    }

    [Fact]
    public async Task Register_SameIdempotencyKeyConcurrently_OneComplaintAndNoReferenceGap()
    {
        var body = ProcedureDriver.Complaint(await _driver.TodayAsync());
        var key = Guid.NewGuid().ToString();
        var before = await CountsAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _driver.PostComplaintAsync(body, idempotencyKey: key)));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, $"Registration with the same key: {(int)r.StatusCode}"));
        var ids = await Task.WhenAll(responses.Select(async r => (string?)(await r.ReadObjectAsync())["id"]));
        Assert.Single(ids.Distinct());
        Assert.Equal((before.Complaints + 1, before.Instances + 1), await CountsAsync());
        var (_, references) = await ReferencesOfYearAsync((await _driver.TodayAsync()).Year);
        Assert.Equal(Enumerable.Range(1, references.Count), references);
    }

    [Fact]
    public async Task Register_FirstAfterMidnightOnNewYearInAmsterdam_IsNumberOneOfTheNewYear()
    {
        // 00:30 on 1 January in Amsterdam is still 31 December in UTC.
        var year = (await _driver.TodayAsync()).Year + 1;
        await _driver.SetClockAsync(ProcedureDriver.At(new DateOnly(year, 1, 1), 0, 30));

        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(new DateOnly(year, 1, 1)));

        Assert.Equal($"K-{year}-0001", complaint.Reference);
    }

    [Fact]
    public async Task Register_TwoInARow_GetsConsecutiveReferencesOfTheYear()
    {
        var today = await _driver.TodayAsync();

        var first = await _driver.RegisterAsync(ProcedureDriver.Complaint(today));
        var second = await _driver.RegisterAsync(ProcedureDriver.Complaint(today));

        Assert.Matches($"^K-{today.Year}-\\d{{4}}$", first.Reference);
        Assert.Equal(Number(first.Reference) + 1, Number(second.Reference));
    }

    [Fact]
    public async Task Register_TenConcurrently_ReferencesHaveNoGapsOrDuplicates()
    {
        var today = await _driver.TodayAsync();

        var registered = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _driver.RegisterAsync(ProcedureDriver.Complaint(today))));

        var numbers = registered.Select(r => Number(r.Reference)).Order().ToList();
        Assert.Equal(Enumerable.Range(numbers[0], 10), numbers);

        // Over everything registered this year on this server: 0001 up to the count, nothing skipped.
        var (_, all) = await ReferencesOfYearAsync(today.Year);
        Assert.Equal(Enumerable.Range(1, all.Count), all);
        Assert.All(registered, r => Assert.StartsWith($"K-{today.Year}-", r.Reference, StringComparison.Ordinal));
    }

    private async Task<(int Year, List<int> Numbers)> ReferencesOfYearAsync(int year)
    {
        var references = await _driver.QueryAsync(db => db.Complaints.AsNoTracking().Where(c => c.Year == year).Select(c => c.Reference).ToListAsync());
        return (year, [.. references.Select(Number).Order()]);
    }

    private static int Number(string reference) => int.Parse(reference[^4..], CultureInfo.InvariantCulture);

    private Task<(int Complaints, int Instances)> CountsAsync() =>
        _driver.QueryAsync(async db => (await db.Complaints.CountAsync(), await db.WorkflowInstances.CountAsync()));
}

public sealed class SqliteIntakeTests(SqliteProcedureFixture fixture)
    : IntakeTests(fixture), IClassFixture<SqliteProcedureFixture>;

public sealed class PostgreSqlIntakeTests(PostgreSqlProcedureFixture fixture)
    : IntakeTests(fixture), IClassFixture<PostgreSqlProcedureFixture>;
