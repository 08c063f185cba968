namespace Klachten.Workflows.Terms;

/// <summary>A day on which terms do not run: a holiday of the Algemene termijnenwet or a configured closure day.</summary>
/// <param name="Date">The day.</param>
/// <param name="Name">Its Dutch name as shown to complainants and staff, e.g. "Tweede Kerstdag".</param>
public sealed record Holiday(DateOnly Date, string Name);
