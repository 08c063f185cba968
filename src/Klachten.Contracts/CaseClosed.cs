namespace Klachten.Contracts;

/// <summary>Event: a complaint's procedure ended; the archive starts the retention period from here.</summary>
/// <param name="MessageId">Stable id.</param>
/// <param name="ComplaintId">The complaint.</param>
/// <param name="CaseReference">Reference.</param>
/// <param name="Status">Final status.</param>
/// <param name="ClosedAt">When.</param>
public sealed record CaseClosed(string MessageId, Guid ComplaintId, string CaseReference, string Status, DateTimeOffset ClosedAt);
