using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime;

/// <summary>
/// Counter-based flowchart state of one flowchart execution (Elsa's <c>FlowScope</c>): how often each activity and
/// each connection was visited, and whether a connection's last visit was followed.
/// </summary>
public sealed class FlowScope
{
    /// <summary>Visits per activity id (a run through a backward connection does not count).</summary>
    public Dictionary<string, long> Activities { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Visits per connection key.</summary>
    public Dictionary<string, long> Connections { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Whether the last visit of a connection was followed.</summary>
    public Dictionary<string, bool> Followed { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Execution ids scheduled through a backward connection; their completion registers no visit.</summary>
    public List<string> Backward { get; init; } = [];

    /// <summary>The key of a connection (source, port, target, target port).</summary>
    public static string Key(ConnectionModel c) =>
        $"{c.Source!.Activity}:{c.Source.Port}->{c.Target!.Activity}:{c.Target.Port}";

    internal void VisitActivity(string id) => Activities[id] = Activities.GetValueOrDefault(id) + 1;

    internal void VisitConnection(ConnectionModel c, bool followed)
    {
        var key = Key(c);
        Connections[key] = Connections.GetValueOrDefault(key) + 1;
        Followed[key] = followed;
    }

    internal long Visits(ConnectionModel c) => Connections.GetValueOrDefault(Key(c));

    internal long Visits(string activityId) => Activities.GetValueOrDefault(activityId);

    internal bool AllVisited(IReadOnlyList<ConnectionModel> inbound, string target) =>
        inbound.Count > 0 && inbound.Min(Visits) > Visits(target);

    // As Elsa: only connections at the highest visit count speak for the current round.
    internal bool AnyFollowed(IReadOnlyList<ConnectionModel> inbound, string target) =>
        LatestRound(inbound, target) is { } latest && inbound.Any(c => Visits(c) == latest && Followed.GetValueOrDefault(Key(c)));

    internal bool AllFollowed(IReadOnlyList<ConnectionModel> inbound, string target) =>
        LatestRound(inbound, target) is { } latest && inbound.All(c => Visits(c) == latest && Followed.GetValueOrDefault(Key(c)));

    private long? LatestRound(IReadOnlyList<ConnectionModel> inbound, string target)
    {
        var max = inbound.Count == 0 ? 0 : inbound.Max(Visits);
        return max > Visits(target) ? max : null;
    }
}
