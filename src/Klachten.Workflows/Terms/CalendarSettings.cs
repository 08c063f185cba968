namespace Klachten.Workflows.Terms;

/// <summary>How the organisation's legal calendar deviates from the plain statutory one.</summary>
public sealed record CalendarSettings
{
    /// <summary>
    /// Whether 5 May (Bevrijdingsdag) is a holiday. The Algemene termijnenwet names it every year, so the default is
    /// <see langword="true"/>; switch it off only where the organisation deliberately counts it as a working day.
    /// </summary>
    public bool IncludeBevrijdingsdag { get; init; } = true;

    /// <summary>
    /// Further days on which terms do not run, each with a Dutch name: days declared equal to holidays by royal decree
    /// (Algemene termijnenwet art. 3 lid 3, e.g. the Friday after Ascension) and organisation closure days.
    /// </summary>
    public IReadOnlyList<Holiday> ExtraClosedDays { get; init; } = [];
}
