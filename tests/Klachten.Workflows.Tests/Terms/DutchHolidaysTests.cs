using System.Globalization;
using Klachten.Workflows.Terms;

namespace Klachten.Workflows.Tests.Terms;

public sealed class DutchHolidaysTests
{
    /// <summary>Published Easter Sundays, hard-coded so the test does not repeat the algorithm it checks.</summary>
    private static readonly Dictionary<int, string> PublishedEaster = new()
    {
        [2025] = "2025-04-20",
        [2026] = "2026-04-05",
        [2027] = "2027-03-28",
        [2028] = "2028-04-16",
        [2029] = "2029-04-01",
        [2030] = "2030-04-21",
        [2031] = "2031-04-13",
        [2032] = "2032-03-28",
        [2033] = "2033-04-17",
        [2034] = "2034-04-09",
        [2035] = "2035-03-25",
    };

    /// <summary>27 April falls on a Sunday in 2025 and 2031 (and next in 2036): Koningsdag is then on 26 April.</summary>
    private static readonly HashSet<int> KingsDayOnTwentySixth = [2025, 2031];

    [Theory]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2028, "2028-04-16")]
    [InlineData(2029, "2029-04-01")]
    [InlineData(2030, "2030-04-21")]
    [InlineData(2031, "2031-04-13")]
    [InlineData(2032, "2032-03-28")]
    [InlineData(2033, "2033-04-17")]
    [InlineData(2034, "2034-04-09")]
    [InlineData(2035, "2035-03-25")]
    [InlineData(2016, "2016-03-27")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2285, "2285-03-22")]
    public void EasterSunday_Year_MatchesPublishedDate(int year, string expected)
    {
        Assert.Equal(Date(expected), DutchHolidays.EasterSunday(year));
    }

    [Theory]
    [InlineData(2025)]
    [InlineData(2026)]
    [InlineData(2027)]
    [InlineData(2028)]
    [InlineData(2029)]
    [InlineData(2030)]
    [InlineData(2031)]
    [InlineData(2032)]
    [InlineData(2033)]
    [InlineData(2034)]
    [InlineData(2035)]
    public void For_Year2025To2035_ListsExactlyThePublishedHolidaysInDateOrder(int year)
    {
        var easter = Date(PublishedEaster[year]);
        var expected = new List<Holiday>
        {
            new(new DateOnly(year, 1, 1), "Nieuwjaarsdag"),
            new(easter.AddDays(-2), "Goede Vrijdag"),
            new(easter, "Eerste Paasdag"),
            new(easter.AddDays(1), "Tweede Paasdag"),
            new(new DateOnly(year, 4, KingsDayOnTwentySixth.Contains(year) ? 26 : 27), "Koningsdag"),
            new(new DateOnly(year, 5, 5), "Bevrijdingsdag"),
            new(easter.AddDays(39), "Hemelvaartsdag"),
            new(easter.AddDays(49), "Eerste Pinksterdag"),
            new(easter.AddDays(50), "Tweede Pinksterdag"),
            new(new DateOnly(year, 12, 25), "Eerste Kerstdag"),
            new(new DateOnly(year, 12, 26), "Tweede Kerstdag"),
        };

        Assert.Equal(expected.OrderBy(h => h.Date), DutchHolidays.For(year));
    }

    [Theory]
    [InlineData(2026, "2026-05-14", "2026-05-25")]
    [InlineData(2027, "2027-05-06", "2027-05-17")]
    public void For_Year_HemelvaartAndWhitMondayOnCalendarDates(int year, string ascension, string whitMonday)
    {
        var holidays = DutchHolidays.For(year);

        Assert.Contains(new Holiday(Date(ascension), "Hemelvaartsdag"), holidays);
        Assert.Contains(new Holiday(Date(whitMonday), "Tweede Pinksterdag"), holidays);
    }

    [Theory]
    [InlineData(2025, "2025-04-26")]
    [InlineData(2031, "2031-04-26")]
    [InlineData(2036, "2036-04-26")]
    [InlineData(2026, "2026-04-27")]
    [InlineData(2030, "2030-04-27")]
    public void For_Year_KoningsdagOn27AprilUnlessThatIsASunday(int year, string expected)
    {
        var kingsDay = Assert.Single(DutchHolidays.For(year), h => h.Name == "Koningsdag");

        Assert.Equal(Date(expected), kingsDay.Date);
    }

    [Fact]
    public void For_BevrijdingsdagExcluded_ListsTenDaysWithoutFifthOfMay()
    {
        var holidays = DutchHolidays.For(2026, includeBevrijdingsdag: false);

        Assert.Equal(10, holidays.Count);
        Assert.DoesNotContain(holidays, h => h.Date == new DateOnly(2026, 5, 5));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10000)]
    public void EasterSunday_YearOutsideDateRange_Throws(int year)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DutchHolidays.EasterSunday(year));
    }

    internal static DateOnly Date(string value) => DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
