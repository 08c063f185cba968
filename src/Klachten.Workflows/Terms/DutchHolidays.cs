namespace Klachten.Workflows.Terms;

/// <summary>
/// The generally recognised holidays of the Algemene termijnenwet (art. 3 lid 1 and 2) with their Dutch names, plus
/// Eerste Paasdag and Eerste Pinksterdag, which are Sundays anyway. The rules in force since 2014 (Koningsdag on
/// 27 April) are applied to every year; earlier Koninginnedag dates are not modelled.
/// </summary>
public static class DutchHolidays
{
    /// <summary>1 January.</summary>
    public const string Nieuwjaarsdag = "Nieuwjaarsdag";

    /// <summary>The Friday before Easter; equal to a holiday by art. 3 lid 2.</summary>
    public const string GoedeVrijdag = "Goede Vrijdag";

    /// <summary>Easter Sunday.</summary>
    public const string EerstePaasdag = "Eerste Paasdag";

    /// <summary>Easter Monday.</summary>
    public const string TweedePaasdag = "Tweede Paasdag";

    /// <summary>27 April, or 26 April when 27 April is a Sunday.</summary>
    public const string Koningsdag = "Koningsdag";

    /// <summary>5 May, every year.</summary>
    public const string Bevrijdingsdag = "Bevrijdingsdag";

    /// <summary>Ascension Day, 39 days after Easter.</summary>
    public const string Hemelvaartsdag = "Hemelvaartsdag";

    /// <summary>Whit Sunday, 49 days after Easter.</summary>
    public const string EerstePinksterdag = "Eerste Pinksterdag";

    /// <summary>Whit Monday, 50 days after Easter.</summary>
    public const string TweedePinksterdag = "Tweede Pinksterdag";

    /// <summary>25 December.</summary>
    public const string EersteKerstdag = "Eerste Kerstdag";

    /// <summary>26 December.</summary>
    public const string TweedeKerstdag = "Tweede Kerstdag";

    /// <summary>Easter Sunday of a Gregorian year, by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm.</summary>
    /// <param name="year">A year from 1 to 9999.</param>
    /// <returns>The date of Eerste Paasdag.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1..9999.</exception>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>The statutory holidays of a year, in date order.</summary>
    /// <param name="year">A year from 1 to 9999.</param>
    /// <param name="includeBevrijdingsdag">Whether 5 May is included.</param>
    /// <returns>
    /// Eleven days (ten without Bevrijdingsdag). Two holidays can share a date (Hemelvaartsdag on 5 May, as in 2016);
    /// both are listed.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1..9999.</exception>
    public static IReadOnlyList<Holiday> For(int year, bool includeBevrijdingsdag = true)
    {
        var easter = EasterSunday(year);
        var kingsDay = new DateOnly(year, 4, 27);
        if (kingsDay.DayOfWeek == DayOfWeek.Sunday)
        {
            kingsDay = kingsDay.AddDays(-1);
        }

        var holidays = new List<Holiday>
        {
            new(new DateOnly(year, 1, 1), Nieuwjaarsdag),
            new(easter.AddDays(-2), GoedeVrijdag),
            new(easter, EerstePaasdag),
            new(easter.AddDays(1), TweedePaasdag),
            new(kingsDay, Koningsdag),
            new(easter.AddDays(39), Hemelvaartsdag),
            new(easter.AddDays(49), EerstePinksterdag),
            new(easter.AddDays(50), TweedePinksterdag),
            new(new DateOnly(year, 12, 25), EersteKerstdag),
            new(new DateOnly(year, 12, 26), TweedeKerstdag),
        };
        if (includeBevrijdingsdag)
        {
            holidays.Add(new Holiday(new DateOnly(year, 5, 5), Bevrijdingsdag));
        }

        // Stable sort keeps list order for a shared date: Hemelvaartsdag before Bevrijdingsdag.
        return [.. holidays.OrderBy(h => h.Date)];
    }
}
