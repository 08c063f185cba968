using System.Text.Json.Nodes;

namespace Klachten.Workflows.Runtime;

/// <summary>One line of an instance's execution journal, in the terms Elsa Studio's viewer uses.</summary>
/// <param name="Sequence">Per-instance increasing number.</param>
/// <param name="Timestamp">When it happened (engine clock).</param>
/// <param name="ActivityId">Activity id.</param>
/// <param name="ActivityNodeId">Activity node id.</param>
/// <param name="ActivityType">Activity type name.</param>
/// <param name="ActivityName">Activity name.</param>
/// <param name="ExecutionId">Activity execution id.</param>
/// <param name="EventName"><c>Started</c>, <c>Completed</c>, <c>Suspended</c>, <c>Resumed</c>, <c>Faulted</c>, <c>Cancelled</c>.</param>
/// <param name="Message">Fault message or other short text.</param>
/// <param name="Payload">Outcomes, written text, and similar; the evaluated inputs under <see cref="ActivityStateKey"/>.</param>
public sealed record JournalEntry(
    long Sequence,
    DateTimeOffset Timestamp,
    string ActivityId,
    string ActivityNodeId,
    string ActivityType,
    string? ActivityName,
    string ExecutionId,
    string EventName,
    string? Message,
    JsonObject? Payload)
{
    /// <summary>The payload key holding the inputs as the execution evaluated them (Elsa's <c>activityState</c>).</summary>
    public const string ActivityStateKey = "activityState";
}
