using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Tests.Support;
using static Klachten.Workflows.Tests.Procedure.Steps;

namespace Klachten.Workflows.Tests.Procedure;

/// <summary>
/// Every term of the procedure overrun: the overrun is reported once at 00:00 Amsterdam time after the last day, the
/// task stays open, and completing it late still carries the procedure on. Also the due dates on the legal calendar.
/// </summary>
public sealed class TermOverrunTests
{
    [Theory]
    [InlineData(ConfirmReceipt, Director, "2027-01-04")]
    [InlineData(Contact, Director, "2027-01-06")]
    [InlineData(Submit, Director, "2026-12-22")]
    [InlineData(Advice, Committee, "2027-01-11")]
    [InlineData(ExtendedAdvice, Committee, "2027-02-01")]
    [InlineData(Decision, Director, "2026-12-29")]
    public void TermOverrun_ReportedOnceAtMidnightAfterTheLastDay_TaskStaysOpen(string title, string role, string due)
    {
        var driver = ReachTask(title);
        var dueDay = DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(dueDay, driver.OpenTasks[title].Due);
        var before = driver.Log.Count;

        driver.AdvanceTo(Klachten.Contracts.AmsterdamTime.StartOfDay(dueDay.AddDays(1)).AddTicks(-1));
        Assert.Equal(before, driver.Log.Count);
        driver.AdvanceToMorningOf(dueDay.AddDays(1));
        Assert.Equal([Overrun(role, title, due)], driver.Log[before..]);
        Assert.Contains(title, driver.OpenTasks.Keys);

        // Exactly once: a later moment fires nothing more for this task.
        driver.AdvanceToMorningOf(dueDay.AddDays(2));
        Assert.Single(driver.Log, line => line.StartsWith("overrun", StringComparison.Ordinal));

        // Late but still done: the procedure goes on.
        var outcome = title == Contact ? "Niet ingetrokken" : driver.OpenTasks[title].Outcomes[0];
        driver.Complete(title, outcome, ("contactnotitie", "n"), ("rapportage", "r"), ("toelichting", "t"), ("besluit", "b"));
        Assert.DoesNotContain(title, driver.OpenTasks.Keys);
        Assert.Equal(Completed(title, outcome), driver.Log[before + 1]);
        Assert.True(driver.Log.Count > before + 2, "completing the overrun task carried the procedure on");
    }

    [Fact]
    public void TermOverruns_CoverEveryTermInTheProcedure()
    {
        var covered = new[] { ConfirmReceipt, Contact, Submit, Advice, ExtendedAdvice, Decision };
        var activities = JsonNode.Parse(DefinitionFiles.ReadWorkflow("klachtenprocedure.json"))!["root"]!["activities"]!.AsArray();

        var termed = activities.Where(a => (string?)a!["type"] == ActivityTypes.HumanTask && a!["dueAmount"] is not null)
            .Select(a => (string)a!["title"]!["expression"]!["value"]!).ToHashSet();

        Assert.Equal(covered.ToHashSet(), termed);
        Assert.DoesNotContain(activities, a => (string?)a!["type"] == ActivityTypes.Term);
    }

    [Theory]
    [InlineData("2026-12-11", "2026-12-28", "2026-12-28")] // both Christmas days and a weekend run over or skipped
    [InlineData("2027-03-15", "2027-03-30", "2027-03-31")] // Easter Monday run over; Good Friday and Easter Monday skipped
    [InlineData("2027-04-13", "2027-04-28", "2027-04-28")] // King's Day run over and skipped
    public void ReceiptAndContactTerms_FollowTheDutchLegalCalendar(string received, string receiptDue, string contactDue)
    {
        var day = DateOnly.Parse(received, System.Globalization.CultureInfo.InvariantCulture);

        var driver = new ProcedureDriver(FormalPathTests.Morning(day)).Start("Formal", day);

        Assert.Equal([Task(Director, ConfirmReceipt, receiptDue), Task(Director, Contact, contactDue)], driver.Log);
    }

    private static ProcedureDriver ReachTask(string title)
    {
        var formal = FormalPathTests.Started();
        return title switch
        {
            ConfirmReceipt => formal,
            Contact => formal.Complete(ConfirmReceipt, "Bevestigd"),
            Submit => formal.Complete(ConfirmReceipt, "Bevestigd").Complete(Contact, "Niet ingetrokken", ("contactnotitie", "n")),
            Advice => FormalPathTests.AtCommittee(),
            ExtendedAdvice => FormalPathTests.AtCommittee().Complete(Advice, "Verlengen", ("toelichting", "t")),
            Decision => FormalPathTests.AtCommittee().Complete(Advice, "Gegrond", ("toelichting", "t")),
            _ => throw new ArgumentOutOfRangeException(nameof(title), title, null),
        };
    }
}
