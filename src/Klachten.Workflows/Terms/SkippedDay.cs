namespace Klachten.Workflows.Terms;

/// <summary>A day a term did not count or ran past, with the Dutch reason.</summary>
/// <param name="Date">The day.</param>
/// <param name="Reason">"zaterdag", "zondag" or the name of the holiday or closure day, e.g. "Tweede Kerstdag".</param>
public sealed record SkippedDay(DateOnly Date, string Reason);
