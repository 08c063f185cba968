namespace Klachten.Workflows.Terms;

/// <summary>A computed term: when it ends, which days it skipped, and a sentence explaining it.</summary>
/// <param name="Start">The day of the event the term counts from; counting starts the day after.</param>
/// <param name="Amount">The number of units.</param>
/// <param name="Unit">Calendar days, weeks or working days.</param>
/// <param name="Due">The last day of the term, inclusive. Always a working day.</param>
/// <param name="ExpiresAt">The instant the term has passed: 00:00 Europe/Amsterdam on the day after <paramref name="Due"/>.</param>
/// <param name="Skipped">
/// The days not counted (working days: weekends and holidays between start and due) or run past (calendar days and
/// weeks: the non-working days the end was moved over), in date order, each with its Dutch reason.
/// </param>
/// <param name="Explanation">One Dutch sentence a complainant understands.</param>
public sealed record TermResult(
    DateOnly Start,
    int Amount,
    TermUnit Unit,
    DateOnly Due,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<SkippedDay> Skipped,
    string Explanation);
