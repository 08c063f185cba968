using Klachten.Contracts;

namespace Klachten.Workflows.Terms;

/// <summary>
/// Computes terms on a <see cref="LegalCalendar"/>. Counting starts the day after the start day. A term in calendar
/// days or weeks that ends on a Saturday, Sunday or holiday ends on the next working day (Algemene termijnenwet
/// art. 1); a term in working days counts only working days. Pure: no clock, no I/O.
/// </summary>
/// <param name="calendar">The calendar that says which days are working days.</param>
public sealed class TermCalculator(LegalCalendar calendar)
{
    /// <summary>The largest amount accepted, in any unit.</summary>
    public const int MaxAmount = 366;

    /// <summary>The calendar terms are computed on.</summary>
    public LegalCalendar Calendar { get; } = calendar ?? throw new ArgumentNullException(nameof(calendar));

    /// <summary>Computes the end of a term of <paramref name="amount"/> units after <paramref name="start"/>.</summary>
    /// <param name="start">The day of the event the term counts from (e.g. the day the complaint was received).</param>
    /// <param name="amount">The number of units, 1 to 366.</param>
    /// <param name="unit">Calendar days, weeks or working days.</param>
    /// <returns>The due day, the instant it has passed, the skipped days and a Dutch explanation.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The amount is outside 1..366, the unit is unknown, or the term would end after 31 December 9999.
    /// </exception>
    public TermResult Compute(DateOnly start, int amount, TermUnit unit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amount, MaxAmount);
        var skipped = new List<SkippedDay>();
        var due = unit switch
        {
            TermUnit.CalendarDays => MoveToWorkingDay(start.AddDays(amount), skipped),
            TermUnit.Weeks => MoveToWorkingDay(start.AddDays(7 * amount), skipped),
            TermUnit.WorkingDays => CountWorkingDays(start, amount, skipped),
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown term unit."),
        };

        var explanation = TermExplanation.Describe(start, amount, unit, due, skipped);
        return new TermResult(start, amount, unit, due, AmsterdamTime.StartOfDay(due.AddDays(1)), skipped, explanation);
    }

    private DateOnly MoveToWorkingDay(DateOnly end, List<SkippedDay> skipped)
    {
        while (Calendar.WhyNotWorkingDay(end) is { } reason)
        {
            skipped.Add(new SkippedDay(end, reason));
            end = end.AddDays(1);
        }

        return end;
    }

    private DateOnly CountWorkingDays(DateOnly start, int amount, List<SkippedDay> skipped)
    {
        var day = start;
        var counted = 0;
        while (counted < amount)
        {
            day = day.AddDays(1);
            if (Calendar.WhyNotWorkingDay(day) is { } reason)
            {
                skipped.Add(new SkippedDay(day, reason));
            }
            else
            {
                counted++;
            }
        }

        return day;
    }
}
