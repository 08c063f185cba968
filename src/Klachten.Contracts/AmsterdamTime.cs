namespace Klachten.Contracts;

/// <summary>
/// Europe/Amsterdam from the system's time-zone data, or the EU summer-time rule where that data is missing (slim images
/// without tzdata). The one Dutch clock of every service: terms, letters, retention dates.
/// </summary>
public static class AmsterdamTime
{
    /// <summary>The Europe/Amsterdam time zone.</summary>
    public static TimeZoneInfo Zone { get; } = Load();

    /// <summary>The Dutch calendar date at an instant.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);

    /// <summary>An instant shown with the Dutch offset in force then.</summary>
    public static DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>As <see cref="Local(DateTimeOffset)"/>, passing null through.</summary>
    public static DateTimeOffset? Local(DateTimeOffset? instant) => instant is { } value ? Local(value) : null;

    /// <summary>00:00 local time at the start of the day, with the offset in force then.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date)
    {
        // Dutch clocks change at 02:00/03:00, so midnight always exists and is never ambiguous.
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    private static TimeZoneInfo Load()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return EuropeanRule();
        }
    }

    /// <summary>CET/CEST as in force since 1996: summer time from the last Sunday of March to the last Sunday of October.</summary>
    public static TimeZoneInfo EuropeanRule()
    {
        var start = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0, DateTimeKind.Unspecified), 3, 5, DayOfWeek.Sunday);
        var end = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0, DateTimeKind.Unspecified), 10, 5, DayOfWeek.Sunday);
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1), start, end);
        return TimeZoneInfo.CreateCustomTimeZone("Europe/Amsterdam", TimeSpan.FromHours(1), "Europe/Amsterdam", "CET", "CEST", [rule]);
    }
}
