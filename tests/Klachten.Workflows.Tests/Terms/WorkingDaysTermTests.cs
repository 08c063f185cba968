using Klachten.Workflows.Terms;
using static Klachten.Workflows.Tests.Terms.DutchHolidaysTests;

namespace Klachten.Workflows.Tests.Terms;

public sealed class WorkingDaysTermTests
{
    private static readonly TermCalculator Calculator = new(new LegalCalendar(new CalendarSettings()));

    [Fact]
    public void Compute_TenWorkingDaysOverChristmas_DueOnEighthOfJanuary()
    {
        var result = Calculator.Compute(Date("2026-12-23"), 10, TermUnit.WorkingDays);

        Assert.Equal(Date("2027-01-08"), result.Due);
    }

    [Fact]
    public void Compute_TenWorkingDaysOverChristmas_RecordsEverySkippedDayWithReason()
    {
        var result = Calculator.Compute(Date("2026-12-23"), 10, TermUnit.WorkingDays);

        Assert.Equal(
        [
            new SkippedDay(Date("2026-12-25"), "Eerste Kerstdag"),
            new SkippedDay(Date("2026-12-26"), "Tweede Kerstdag"),
            new SkippedDay(Date("2026-12-27"), "zondag"),
            new SkippedDay(Date("2027-01-01"), "Nieuwjaarsdag"),
            new SkippedDay(Date("2027-01-02"), "zaterdag"),
            new SkippedDay(Date("2027-01-03"), "zondag"),
        ], result.Skipped);
    }

    [Fact]
    public void Compute_TenWorkingDaysOverChristmas_ExplainsInDutch()
    {
        var result = Calculator.Compute(Date("2026-12-23"), 10, TermUnit.WorkingDays);

        Assert.Equal(
            "De termijn van 10 werkdagen na 23 december 2026 loopt tot en met 8 januari 2027; "
            + "weekenden, Eerste Kerstdag, Tweede Kerstdag en Nieuwjaarsdag tellen niet mee.",
            result.Explanation);
    }

    [Fact]
    public void Compute_OverEaster_SkipsGoodFridayToEasterMonday()
    {
        var result = Calculator.Compute(Date("2027-03-25"), 3, TermUnit.WorkingDays);

        Assert.Equal(Date("2027-04-01"), result.Due);
        Assert.Equal(["Goede Vrijdag", "zaterdag", "Eerste Paasdag", "Tweede Paasdag"], result.Skipped.Select(s => s.Reason));
    }

    [Fact]
    public void Compute_OverEaster_ExplainsWeekendAndHolidays()
    {
        var result = Calculator.Compute(Date("2027-03-25"), 3, TermUnit.WorkingDays);

        Assert.Equal(
            "De termijn van 3 werkdagen na 25 maart 2027 loopt tot en met 1 april 2027; "
            + "het weekend, Goede Vrijdag, Eerste Paasdag en Tweede Paasdag tellen niet mee.",
            result.Explanation);
    }

    [Fact]
    public void Compute_KoningsdagMovedToSaturday_MondayAfterIsWorkingDay()
    {
        var result = Calculator.Compute(Date("2031-04-25"), 1, TermUnit.WorkingDays);

        Assert.Equal(Date("2031-04-28"), result.Due);
        Assert.Equal([new SkippedDay(Date("2031-04-26"), "Koningsdag"), new SkippedDay(Date("2031-04-27"), "zondag")], result.Skipped);
    }

    [Fact]
    public void Compute_KoningsdagOnMonday_Skipped()
    {
        var result = Calculator.Compute(Date("2026-04-24"), 1, TermUnit.WorkingDays);

        Assert.Equal(Date("2026-04-28"), result.Due);
    }

    [Fact]
    public void Compute_OverAscension_SkipsHemelvaartsdag()
    {
        var result = Calculator.Compute(Date("2026-05-13"), 2, TermUnit.WorkingDays);

        Assert.Equal(Date("2026-05-18"), result.Due);
        Assert.Equal(new SkippedDay(Date("2026-05-14"), "Hemelvaartsdag"), result.Skipped[0]);
    }

    [Fact]
    public void Compute_ConfiguredClosureDay_Skipped()
    {
        var calculator = new TermCalculator(LegalCalendarTests.WithClosure(Date("2026-05-15"), "Vrijdag na Hemelvaartsdag"));

        var result = calculator.Compute(Date("2026-05-13"), 2, TermUnit.WorkingDays);

        Assert.Equal(Date("2026-05-19"), result.Due);
        Assert.Contains(new SkippedDay(Date("2026-05-15"), "Vrijdag na Hemelvaartsdag"), result.Skipped);
    }

    [Fact]
    public void Compute_OverWhitsun_SkipsBothPinksterdagen()
    {
        var result = Calculator.Compute(Date("2026-05-22"), 1, TermUnit.WorkingDays);

        Assert.Equal(Date("2026-05-26"), result.Due);
        Assert.Equal(["zaterdag", "Eerste Pinksterdag", "Tweede Pinksterdag"], result.Skipped.Select(s => s.Reason));
    }

    [Fact]
    public void Compute_OverBevrijdingsdag_Skipped()
    {
        var result = Calculator.Compute(Date("2026-05-04"), 1, TermUnit.WorkingDays);

        Assert.Equal(Date("2026-05-06"), result.Due);
    }

    [Fact]
    public void Compute_BevrijdingsdagSwitchedOff_CountsFifthOfMay()
    {
        var calculator = new TermCalculator(new LegalCalendar(new CalendarSettings { IncludeBevrijdingsdag = false }));

        var result = calculator.Compute(Date("2026-05-04"), 1, TermUnit.WorkingDays);

        Assert.Equal(Date("2026-05-05"), result.Due);
        Assert.Empty(result.Skipped);
    }

    [Fact]
    public void Compute_StartOnSaturday_CountsFromMondayWithoutRecordingStart()
    {
        var result = Calculator.Compute(Date("2026-06-06"), 1, TermUnit.WorkingDays);

        Assert.Equal(Date("2026-06-08"), result.Due);
        Assert.Equal([new SkippedDay(Date("2026-06-07"), "zondag")], result.Skipped);
    }

    [Fact]
    public void Compute_OneWorkingDayWithoutSkips_ExplainsInSingular()
    {
        var result = Calculator.Compute(Date("2026-06-02"), 1, TermUnit.WorkingDays);

        Assert.Equal("De termijn van 1 werkdag na 2 juni 2026 loopt tot en met 3 juni 2026.", result.Explanation);
    }

    [Fact]
    public void Compute_OnlyOneHolidaySkipped_ExplainsInSingular()
    {
        var result = Calculator.Compute(Date("2026-05-04"), 1, TermUnit.WorkingDays);

        Assert.Equal("De termijn van 1 werkdag na 4 mei 2026 loopt tot en met 6 mei 2026; Bevrijdingsdag telt niet mee.", result.Explanation);
    }
}
