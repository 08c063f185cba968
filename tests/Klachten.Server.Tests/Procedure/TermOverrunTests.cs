using System.Net;
using System.Text.Json.Nodes;

namespace Klachten.Server.Tests.Procedure;

/// <summary>
/// Every term of the procedure, let to pass: the task shows overdue, the case records the overrun, the role and the
/// director get a reminder, and the task can still be completed. Earlier steps are done on time.
/// </summary>
public abstract class TermOverrunTests(ProcedureFixture fixture)
{
    private readonly ProcedureDriver _driver = new(fixture.Factory);

    private static readonly (string Title, string User, string Role, Func<ProcedureDriver, Registered, Task<JsonObject>> Complete)[] Steps =
    [
        (Titles.Receipt, "directeur", "directeur", (d, c) => d.ConfirmReceiptAsync(c)),
        (Titles.Contact, "directeur", "directeur", (d, c) => d.ContactAsync(c, "Niet ingetrokken")),
        (Titles.Submit, "directeur", "directeur", (d, c) => d.SubmitAsync(c)),
        (Titles.Advice, "commissie", "klachtencommissie", (d, c) => d.AdviseAsync(c, "Verlengen")),
        (Titles.ExtendedAdvice, "commissie", "klachtencommissie", (d, c) => d.AdviseAsync(c, "Ongegrond", extended: true)),
        (Titles.Decision, "directeur", "directeur", (d, c) => d.DecideAsync(c)),
    ];

    [Theory]
    [InlineData(Titles.Receipt)]
    [InlineData(Titles.Contact)]
    [InlineData(Titles.Submit)]
    [InlineData(Titles.Advice)]
    [InlineData(Titles.ExtendedAdvice)]
    [InlineData(Titles.Decision)]
    public async Task Term_Passed_TaskOverdueOverrunRecordedRemindedAndStillCompletable(string title)
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.AdvanceDaysAsync(1)));
        var index = Array.FindIndex(Steps, s => s.Title == title);
        foreach (var earlier in Steps.Take(index))
        {
            await earlier.Complete(_driver, complaint);
        }

        if (title == Titles.Receipt)
        {
            // Contact runs beside the receipt confirmation and its term can end at the same moment: done in time here.
            await _driver.ContactAsync(complaint, "Niet ingetrokken");
        }

        var (_, user, role, complete) = Steps[index];
        var task = await _driver.OpenTaskAsync(user, complaint, title);
        Assert.False((bool)task["overdue"]!);
        Assert.Null(CaseAssert.Term(await _driver.CaseAsync(complaint), title)["met"]);

        await _driver.PassAsync(task["expiresAt"]!.GetValue<DateTimeOffset>());

        var overdue = await _driver.OpenTaskAsync(user, complaint, title);
        Assert.True((bool)overdue["overdue"]!, $"'{title}' not overdue after its term: {overdue.ToJsonString()}");
        var @case = await _driver.CaseAsync(complaint);
        Assert.True((bool)Assert.Single(CaseAssert.Tasks(@case), t => (string?)t["title"] == title && (string?)t["status"] == "Open")["overdue"]!);
        Assert.False((bool?)CaseAssert.Term(@case, title)["met"]);
        Assert.Contains(CaseAssert.Timeline(@case), t => t.StartsWith($"Termijn overschreden: '{title}'", StringComparison.Ordinal));
        // One reminder, for this task only: the earlier tasks were completed in time and their terms are moot.
        var reminders = (await _driver.OutboxAsync(complaint, "SendReminder")).Select(m => JsonNode.Parse(m.PayloadJson)!);
        var reminder = Assert.Single(reminders);
        Assert.Equal((string?)task["id"], (string?)reminder["taskId"]);
        Assert.Equal(new[] { role, "directeur" }.Distinct().Order(), reminder["recipients"]!.AsArray().Select(r => (string)r!["role"]!).Distinct().Order());

        await complete(_driver, complaint);

        @case = await _driver.CaseAsync(complaint);
        var term = CaseAssert.Term(@case, title);
        Assert.Equal((false, null), ((bool?)term["met"], (string?)term["metOn"]));
        Assert.Equal("Completed", (string?)Assert.Single(CaseAssert.Tasks(@case), t => (string?)t["title"] == title)["status"]);
    }

    [Fact]
    public async Task Term_ClockExactlyAtExpiry_TaskIsOverdueInTheListAndTheCase()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.AdvanceDaysAsync(1)));
        var task = await _driver.OpenTaskAsync("directeur", complaint, Titles.Receipt);

        await _driver.SetClockAsync(task["expiresAt"]!.GetValue<DateTimeOffset>());

        var listed = await _driver.OpenTaskAsync("directeur", complaint, Titles.Receipt);
        var inCase = Assert.Single(CaseAssert.Tasks(await _driver.CaseAsync(complaint)), t => (string?)t["title"] == Titles.Receipt);
        Assert.Equal((true, true), ((bool)listed["overdue"]!, (bool)inCase["overdue"]!));
    }

    [Fact]
    public async Task Term_PassedTwiceOver_RemindsOnlyOnce()
    {
        var complaint = await _driver.RegisterAsync(ProcedureDriver.Complaint(await _driver.AdvanceDaysAsync(1)));
        var task = await _driver.OpenTaskAsync("directeur", complaint, Titles.Receipt);
        var expiresAt = task["expiresAt"]!.GetValue<DateTimeOffset>();

        await _driver.PassAsync(expiresAt);
        await _driver.PassAsync(expiresAt.AddDays(3));

        Assert.Single(await _driver.OutboxAsync(complaint, "SendReminder"), m => m.PayloadJson.Contains((string)task["id"]!, StringComparison.Ordinal));
        var response = await _driver.CompleteAsync("directeur", await _driver.OpenTaskAsync("directeur", complaint, Titles.Receipt), "Bevestigd");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class SqliteTermOverrunTests(SqliteProcedureFixture fixture)
    : TermOverrunTests(fixture), IClassFixture<SqliteProcedureFixture>;

public sealed class PostgreSqlTermOverrunTests(PostgreSqlProcedureFixture fixture)
    : TermOverrunTests(fixture), IClassFixture<PostgreSqlProcedureFixture>;
