using System.Globalization;

namespace Klachten.Workflows.Terms;

/// <summary>The one Dutch sentence that tells a complainant how a term was computed.</summary>
internal static class TermExplanation
{
    private const string Saturday = "zaterdag";
    private const string Sunday = "zondag";

    public static string Describe(DateOnly start, int amount, TermUnit unit, DateOnly due, IReadOnlyList<SkippedDay> skipped)
    {
        var term = string.Create(CultureInfo.InvariantCulture, $"De termijn van {amount} {UnitNoun(unit, amount)} na {DutchDates.Format(start)}");
        if (skipped.Count == 0)
        {
            return $"{term} loopt tot en met {DutchDates.Format(due)}.";
        }

        var holidays = skipped.Select(d => d.Reason).Where(r => r is not (Saturday or Sunday)).Distinct(StringComparer.Ordinal).ToList();
        var weekends = skipped.Where(d => d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            .Select(d => d.Date.DayNumber - (d.Date.DayOfWeek == DayOfWeek.Sunday ? 1 : 0))
            .Distinct()
            .Count();
        var anyPlainWeekendDay = skipped.Any(d => d.Reason is Saturday or Sunday);

        if (unit == TermUnit.WorkingDays)
        {
            var parts = new List<string>();
            if (anyPlainWeekendDay)
            {
                parts.Add(weekends > 1 ? "weekenden" : "het weekend");
            }

            parts.AddRange(holidays);
            var verb = parts.Count == 1 && parts[0] != "weekenden" ? "telt" : "tellen";
            return $"{term} loopt tot en met {DutchDates.Format(due)}; {Join(parts, "en")} {verb} niet mee.";
        }

        var causes = new List<string>();
        if (anyPlainWeekendDay)
        {
            causes.Add("in het weekend");
        }

        if (holidays.Count > 0)
        {
            causes.Add("op " + Join(holidays, "of"));
        }

        return $"{term} zou eindigen op {DutchDates.Format(skipped[0].Date)}, maar loopt door tot en met {DutchDates.Format(due)}, "
            + $"omdat een termijn niet eindigt {Join(causes, "of")}.";
    }

    private static string UnitNoun(TermUnit unit, int amount) => (unit, amount == 1) switch
    {
        (TermUnit.CalendarDays, true) => "dag",
        (TermUnit.CalendarDays, false) => "dagen",
        (TermUnit.Weeks, true) => "week",
        (TermUnit.Weeks, false) => "weken",
        (_, true) => "werkdag",
        _ => "werkdagen",
    };

    private static string Join(List<string> items, string conjunction) => items.Count switch
    {
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} {conjunction} {items[^1]}",
    };
}
