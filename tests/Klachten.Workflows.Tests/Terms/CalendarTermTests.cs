using Klachten.Workflows.Terms;
using static Klachten.Workflows.Tests.Terms.DutchHolidaysTests;

namespace Klachten.Workflows.Tests.Terms;

/// <summary>Terms in calendar days and weeks: Algemene termijnenwet art. 1 moves an end on a non-working day.</summary>
public sealed class CalendarTermTests
{
    private static readonly TermCalculator Calculator = new(new LegalCalendar(new CalendarSettings()));

    [Fact]
    public void Compute_CalendarDaysEndingOnWeekday_DueOnThatDay()
    {
        var result = Calculator.Compute(Date("2026-06-01"), 10, TermUnit.CalendarDays);

        Assert.Equal(Date("2026-06-11"), result.Due);
        Assert.Empty(result.Skipped);
        Assert.Equal("De termijn van 10 dagen na 1 juni 2026 loopt tot en met 11 juni 2026.", result.Explanation);
    }

    [Fact]
    public void Compute_CalendarDaysEndingOnSaturday_MovesToMonday()
    {
        var result = Calculator.Compute(Date("2026-06-03"), 3, TermUnit.CalendarDays);

        Assert.Equal(Date("2026-06-08"), result.Due);
        Assert.Equal([new SkippedDay(Date("2026-06-06"), "zaterdag"), new SkippedDay(Date("2026-06-07"), "zondag")], result.Skipped);
    }

    [Fact]
    public void Compute_CalendarDaysEndingOnSaturday_ExplainsTheMove()
    {
        var result = Calculator.Compute(Date("2026-06-03"), 3, TermUnit.CalendarDays);

        Assert.Equal(
            "De termijn van 3 dagen na 3 juni 2026 zou eindigen op 6 juni 2026, maar loopt door tot en met 8 juni 2026, "
            + "omdat een termijn niet eindigt in het weekend.",
            result.Explanation);
    }

    [Fact]
    public void Compute_CalendarDaysEndingOnTweedeKerstdag_MovesPastSunday()
    {
        var result = Calculator.Compute(Date("2026-12-22"), 4, TermUnit.CalendarDays);

        Assert.Equal(Date("2026-12-28"), result.Due);
        Assert.Equal([new SkippedDay(Date("2026-12-26"), "Tweede Kerstdag"), new SkippedDay(Date("2026-12-27"), "zondag")], result.Skipped);
    }

    [Fact]
    public void Compute_CalendarDaysOverChristmasNotEndingThere_ChristmasCounts()
    {
        var result = Calculator.Compute(Date("2026-12-23"), 6, TermUnit.CalendarDays);

        Assert.Equal(Date("2026-12-29"), result.Due);
        Assert.Empty(result.Skipped);
    }

    [Fact]
    public void Compute_CalendarDaysEndingOnGoodFriday_MovesPastEasterToTuesday()
    {
        var result = Calculator.Compute(Date("2027-03-16"), 10, TermUnit.CalendarDays);

        Assert.Equal(Date("2027-03-30"), result.Due);
        Assert.Equal(
            "De termijn van 10 dagen na 16 maart 2027 zou eindigen op 26 maart 2027, maar loopt door tot en met 30 maart 2027, "
            + "omdat een termijn niet eindigt in het weekend of op Goede Vrijdag, Eerste Paasdag of Tweede Paasdag.",
            result.Explanation);
    }

    [Fact]
    public void Compute_CalendarDaysEndingOnKoningsdagMovedToSaturday_MovesToMonday()
    {
        var result = Calculator.Compute(Date("2031-04-16"), 10, TermUnit.CalendarDays);

        Assert.Equal(Date("2031-04-28"), result.Due);
        Assert.Equal([new SkippedDay(Date("2031-04-26"), "Koningsdag"), new SkippedDay(Date("2031-04-27"), "zondag")], result.Skipped);
    }

    [Fact]
    public void Compute_CalendarDaysEndingOnAscension_MovesToFriday()
    {
        var result = Calculator.Compute(Date("2026-05-04"), 10, TermUnit.CalendarDays);

        Assert.Equal(Date("2026-05-15"), result.Due);
    }

    [Fact]
    public void Compute_CalendarDaysEndingOnAscensionWithClosureDayAfter_MovesToMonday()
    {
        var calculator = new TermCalculator(LegalCalendarTests.WithClosure(Date("2026-05-15"), "Vrijdag na Hemelvaartsdag"));

        var result = calculator.Compute(Date("2026-05-04"), 10, TermUnit.CalendarDays);

        Assert.Equal(Date("2026-05-18"), result.Due);
        Assert.Equal(["Hemelvaartsdag", "Vrijdag na Hemelvaartsdag", "zaterdag", "zondag"], result.Skipped.Select(s => s.Reason));
    }

    [Fact]
    public void Compute_WeeksEndingOnTweedePinksterdag_MovesToTuesday()
    {
        var result = Calculator.Compute(Date("2026-05-11"), 2, TermUnit.Weeks);

        Assert.Equal(Date("2026-05-26"), result.Due);
        Assert.Equal([new SkippedDay(Date("2026-05-25"), "Tweede Pinksterdag")], result.Skipped);
    }

    [Fact]
    public void Compute_WeeksEndingOnTweedePinksterdag_ExplainsTheMove()
    {
        var result = Calculator.Compute(Date("2026-05-11"), 2, TermUnit.Weeks);

        Assert.Equal(
            "De termijn van 2 weken na 11 mei 2026 zou eindigen op 25 mei 2026, maar loopt door tot en met 26 mei 2026, "
            + "omdat een termijn niet eindigt op Tweede Pinksterdag.",
            result.Explanation);
    }

    [Fact]
    public void Compute_WeekEndingOnNieuwjaarsdag_MovesToMonday()
    {
        var result = Calculator.Compute(Date("2026-12-25"), 1, TermUnit.Weeks);

        Assert.Equal(Date("2027-01-04"), result.Due);
        Assert.Equal(["Nieuwjaarsdag", "zaterdag", "zondag"], result.Skipped.Select(s => s.Reason));
    }

    [Fact]
    public void Compute_WeeksEndingOnWeekday_SevenDaysPerWeek()
    {
        var result = Calculator.Compute(Date("2026-11-25"), 3, TermUnit.Weeks);

        Assert.Equal(Date("2026-12-16"), result.Due);
        Assert.Equal("De termijn van 3 weken na 25 november 2026 loopt tot en met 16 december 2026.", result.Explanation);
    }

    [Fact]
    public void Compute_WeeksEndingOnBevrijdingsdagSwitchedOff_NotMoved()
    {
        var calculator = new TermCalculator(new LegalCalendar(new CalendarSettings { IncludeBevrijdingsdag = false }));

        var result = calculator.Compute(Date("2026-04-28"), 1, TermUnit.Weeks);

        Assert.Equal(Date("2026-05-05"), result.Due);
    }
}
