using System.Collections.Concurrent;
using Klachten.Contracts;

namespace Klachten.Workflows.Terms;

/// <summary>
/// The Dutch legal calendar of the organisation: Monday to Friday are working days, except the holidays of the
/// Algemene termijnenwet and the configured closure days. Thread-safe; build one per configuration and share it.
/// </summary>
public sealed class LegalCalendar
{
    private readonly CalendarSettings _settings;
    private readonly ConcurrentDictionary<int, IReadOnlyList<Holiday>> _years = new();

    /// <summary>Creates the calendar for the given settings.</summary>
    /// <param name="settings">Whether Bevrijdingsdag counts, and the extra closure days.</param>
    /// <exception cref="ArgumentException">An extra closure day has no name.</exception>
    public LegalCalendar(CalendarSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.ExtraClosedDays.Any(d => d is null || string.IsNullOrWhiteSpace(d.Name)))
        {
            throw new ArgumentException("Every extra closure day needs a name.", nameof(settings));
        }

        _settings = settings with { ExtraClosedDays = [.. settings.ExtraClosedDays] };
    }

    /// <summary>The statutory calendar: all holidays including Bevrijdingsdag, no closure days.</summary>
    public static LegalCalendar Statutory { get; } = new(new CalendarSettings());

    /// <summary>The settings this calendar was built from.</summary>
    public CalendarSettings Settings => _settings;

    /// <summary>The time zone in which days begin and end: Europe/Amsterdam.</summary>
    public static TimeZoneInfo TimeZone => AmsterdamTime.Zone;

    /// <summary>Whether terms count this day: a Monday to Friday that is no holiday or closure day.</summary>
    /// <param name="date">The day.</param>
    /// <returns><see langword="true"/> for a working day.</returns>
    public bool IsWorkingDay(DateOnly date) => WhyNotWorkingDay(date) is null;

    /// <summary>
    /// The Dutch reason a day is not a working day: the name of the holiday or closure day ("Tweede Kerstdag"),
    /// otherwise "zaterdag" or "zondag". A holiday on a weekend day is reported by its name.
    /// </summary>
    /// <param name="date">The day.</param>
    /// <returns>The reason, or <see langword="null"/> for a working day.</returns>
    public string? WhyNotWorkingDay(DateOnly date)
    {
        foreach (var holiday in GetHolidays(date.Year))
        {
            if (holiday.Date == date)
            {
                return holiday.Name;
            }
        }

        return date.DayOfWeek switch
        {
            DayOfWeek.Saturday => "zaterdag",
            DayOfWeek.Sunday => "zondag",
            _ => null,
        };
    }

    /// <summary>
    /// The holidays and closure days of a year as configured, in date order, one entry per date. Two statutory
    /// holidays on one date share an entry ("Hemelvaartsdag en Bevrijdingsdag"); a closure day configured on a
    /// statutory holiday keeps the statutory name.
    /// </summary>
    /// <param name="year">A year from 1 to 9999.</param>
    /// <returns>The days with their Dutch names.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1..9999.</exception>
    public IReadOnlyList<Holiday> GetHolidays(int year) => _years.GetOrAdd(year, Build);

    private IReadOnlyList<Holiday> Build(int year)
    {
        var byDate = new SortedDictionary<DateOnly, string>();
        foreach (var holiday in DutchHolidays.For(year, _settings.IncludeBevrijdingsdag))
        {
            byDate[holiday.Date] = byDate.TryGetValue(holiday.Date, out var other) ? $"{other} en {holiday.Name}" : holiday.Name;
        }

        foreach (var closed in _settings.ExtraClosedDays.Where(d => d.Date.Year == year))
        {
            byDate.TryAdd(closed.Date, closed.Name.Trim());
        }

        return [.. byDate.Select(p => new Holiday(p.Key, p.Value))];
    }
}
