using Klachten.Workflows.Terms;
using static Klachten.Workflows.Tests.Terms.DutchHolidaysTests;

namespace Klachten.Workflows.Tests.Terms;

public sealed class LegalCalendarTests
{
    private static readonly LegalCalendar Statutory = new(new CalendarSettings());

    [Theory]
    [InlineData("2026-06-03")]
    [InlineData("2026-06-05")]
    [InlineData("2031-04-28")]
    public void IsWorkingDay_OrdinaryWeekday_True(string date)
    {
        Assert.True(Statutory.IsWorkingDay(Date(date)));
    }

    [Theory]
    [InlineData("2026-06-06", "zaterdag")]
    [InlineData("2026-06-07", "zondag")]
    [InlineData("2031-04-27", "zondag")]
    public void WhyNotWorkingDay_WeekendDay_ReturnsDayName(string date, string expected)
    {
        Assert.Equal(expected, Statutory.WhyNotWorkingDay(Date(date)));
    }

    [Theory]
    [InlineData("2026-12-25", "Eerste Kerstdag")]
    [InlineData("2027-03-26", "Goede Vrijdag")]
    [InlineData("2026-04-27", "Koningsdag")]
    [InlineData("2026-05-05", "Bevrijdingsdag")]
    [InlineData("2026-05-14", "Hemelvaartsdag")]
    [InlineData("2026-05-25", "Tweede Pinksterdag")]
    public void WhyNotWorkingDay_HolidayOnWeekday_ReturnsHolidayName(string date, string expected)
    {
        Assert.Equal(expected, Statutory.WhyNotWorkingDay(Date(date)));
    }

    [Theory]
    [InlineData("2026-12-26", "Tweede Kerstdag")]
    [InlineData("2031-04-26", "Koningsdag")]
    [InlineData("2027-03-28", "Eerste Paasdag")]
    public void WhyNotWorkingDay_HolidayOnWeekend_ReturnsHolidayName(string date, string expected)
    {
        Assert.Equal(expected, Statutory.WhyNotWorkingDay(Date(date)));
    }

    [Fact]
    public void WhyNotWorkingDay_WorkingDay_ReturnsNull()
    {
        Assert.Null(Statutory.WhyNotWorkingDay(new DateOnly(2026, 12, 28)));
    }

    [Fact]
    public void IsWorkingDay_BevrijdingsdagSwitchedOff_FifthOfMayIsWorkingDay()
    {
        var calendar = new LegalCalendar(new CalendarSettings { IncludeBevrijdingsdag = false });

        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 5, 5)));
    }

    [Fact]
    public void IsWorkingDay_ConfiguredClosureDay_False()
    {
        var calendar = WithClosure(new DateOnly(2026, 5, 15), "Vrijdag na Hemelvaartsdag");

        Assert.Equal("Vrijdag na Hemelvaartsdag", calendar.WhyNotWorkingDay(new DateOnly(2026, 5, 15)));
    }

    [Fact]
    public void GetHolidays_ClosureDayConfigured_ListedInDateOrder()
    {
        var calendar = WithClosure(new DateOnly(2027, 5, 7), "Vrijdag na Hemelvaartsdag");

        var holidays = calendar.GetHolidays(2027);

        Assert.Equal(12, holidays.Count);
        Assert.Equal(holidays.OrderBy(h => h.Date), holidays);
        Assert.Contains(new Holiday(new DateOnly(2027, 5, 7), "Vrijdag na Hemelvaartsdag"), holidays);
    }

    [Fact]
    public void GetHolidays_ClosureDayInOtherYear_NotListed()
    {
        var calendar = WithClosure(new DateOnly(2028, 5, 26), "Vrijdag na Hemelvaartsdag");

        Assert.Equal(11, calendar.GetHolidays(2027).Count);
    }

    [Fact]
    public void GetHolidays_ClosureDayOnStatutoryHoliday_KeepsStatutoryName()
    {
        var calendar = WithClosure(new DateOnly(2027, 12, 25), "Kantoor gesloten");

        Assert.Contains(new Holiday(new DateOnly(2027, 12, 25), "Eerste Kerstdag"), calendar.GetHolidays(2027));
        Assert.Equal(11, calendar.GetHolidays(2027).Count);
    }

    [Fact]
    public void GetHolidays_HemelvaartOnFifthOfMay_OneEntryNamingBoth()
    {
        var holidays = Statutory.GetHolidays(2016);

        Assert.Equal(10, holidays.Count);
        Assert.Contains(new Holiday(new DateOnly(2016, 5, 5), "Hemelvaartsdag en Bevrijdingsdag"), holidays);
    }

    [Fact]
    public void Constructor_ClosureDayWithoutName_Throws()
    {
        Assert.Throws<ArgumentException>(() => WithClosure(new DateOnly(2027, 5, 7), " "));
    }

    internal static LegalCalendar WithClosure(DateOnly date, string name) =>
        new(new CalendarSettings { ExtraClosedDays = [new Holiday(date, name)] });
}
