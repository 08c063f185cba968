using System.Collections.Concurrent;
using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime;

/// <summary>
/// A flowchart's connections indexed for execution. Forward connections are found breadth-first from the start
/// activity, leaving out any edge that would close a cycle (a loop back); this is how Elsa tells loops apart.
/// </summary>
public sealed class FlowGraph
{
    private readonly Dictionary<string, ActivityModel> _activities;
    private readonly ILookup<string, ConnectionModel> _outbound;
    private readonly ILookup<string, ConnectionModel> _inbound;
    private readonly ILookup<string, ConnectionModel> _forwardInbound;
    // Filled lazily; a graph is shared by concurrent runs of one definition.
    private readonly ConcurrentDictionary<string, HashSet<string>> _ancestors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ConnectionModel, bool> _validBackward = new();

    /// <summary>Indexes a flowchart.</summary>
    public FlowGraph(ActivityModel flowchart)
    {
        Flowchart = flowchart;
        _activities = (flowchart.Activities ?? []).Where(a => a.Id is not null).GroupBy(a => a.Id!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var connections = (flowchart.Connections ?? [])
            .Where(c => c.Source?.Activity is { } s && c.Target?.Activity is { } t && _activities.ContainsKey(s) && _activities.ContainsKey(t))
            .ToList();
        Connections = connections;
        _outbound = connections.ToLookup(c => c.Source!.Activity!, StringComparer.Ordinal);
        _inbound = connections.ToLookup(c => c.Target!.Activity!, StringComparer.Ordinal);
        Start = FindStart();
        _forwardInbound = ForwardConnections(connections, Start).ToLookup(c => c.Target!.Activity!, StringComparer.Ordinal);
    }

    /// <summary>The flowchart activity.</summary>
    public ActivityModel Flowchart { get; }

    /// <summary>Valid connections (both ends exist).</summary>
    public IReadOnlyList<ConnectionModel> Connections { get; }

    /// <summary>Where execution starts, or null for an empty flowchart.</summary>
    public ActivityModel? Start { get; }

    /// <summary>Looks up a child activity.</summary>
    public ActivityModel Activity(string id) => _activities[id];

    /// <summary>Whether a direct child has this id.</summary>
    public bool Has(string id) => _activities.ContainsKey(id);

    /// <summary>Whether a child activity exists.</summary>
    public bool Contains(string id) => _activities.ContainsKey(id);

    /// <summary>Connections leaving an activity.</summary>
    public IEnumerable<ConnectionModel> Outbound(string activityId) => _outbound[activityId];

    /// <summary>All connections arriving at an activity, loops included.</summary>
    public IEnumerable<ConnectionModel> Inbound(string activityId) => _inbound[activityId];

    /// <summary>Arriving connections that are not loop-backs.</summary>
    public IEnumerable<ConnectionModel> ForwardInbound(string activityId) => _forwardInbound[activityId];

    /// <summary>Whether a connection closes a loop (it is not among the forward connections).</summary>
    public bool IsBackward(ConnectionModel connection) => !_forwardInbound[connection.Target!.Activity!].Contains(connection);

    /// <summary>
    /// Elsa's rule for a loop back: every forward path from its source back to the start passes through its target.
    /// </summary>
    public bool IsValidBackward(ConnectionModel connection)
    {
        if (_validBackward.TryGetValue(connection, out var known))
        {
            return known;
        }

        // Equivalent to checking each path: the start cannot be reached backwards from the source once the target is removed.
        var source = connection.Source!.Activity!;
        var target = connection.Target!.Activity!;
        var valid = true;
        if (source != target && Start?.Id is { } startId)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { target };
            var queue = new Queue<string>([source]);
            seen.Add(source);
            while (valid && queue.TryDequeue(out var current))
            {
                valid = current != startId;
                foreach (var inbound in _forwardInbound[current])
                {
                    if (seen.Add(inbound.Source!.Activity!))
                    {
                        queue.Enqueue(inbound.Source.Activity!);
                    }
                }
            }
        }

        _validBackward[connection] = valid;
        return valid;
    }

    /// <summary>Every activity from which a forward path leads to the given one.</summary>
    public IReadOnlySet<string> Ancestors(string activityId)
    {
        if (_ancestors.TryGetValue(activityId, out var cached))
        {
            return cached;
        }

        var ancestors = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([activityId]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var connection in _forwardInbound[current])
            {
                if (ancestors.Add(connection.Source!.Activity!))
                {
                    queue.Enqueue(connection.Source.Activity!);
                }
            }
        }

        _ancestors[activityId] = ancestors;
        return ancestors;
    }

    // Elsa's order: an explicit Start activity, then one marked canStartWorkflow, then one without inbound
    // connections, then the first activity.
    private ActivityModel? FindStart()
    {
        var activities = Flowchart.Activities ?? [];
        return activities.FirstOrDefault(a => a.Type == ActivityTypes.Start)
            ?? activities.FirstOrDefault(a => a.CustomProperties?["canStartWorkflow"]?.GetValueKind() == System.Text.Json.JsonValueKind.True)
            ?? activities.FirstOrDefault(a => a.Id is not null && !_inbound[a.Id].Any())
            ?? activities.FirstOrDefault();
    }

    private static List<ConnectionModel> ForwardConnections(List<ConnectionModel> connections, ActivityModel? start)
    {
        var forward = new List<ConnectionModel>();
        if (start?.Id is null)
        {
            return forward;
        }

        var adjacency = connections.ToLookup(c => c.Source!.Activity!, StringComparer.Ordinal);
        var edges = new HashSet<(string, string)>();
        var successors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start.Id]);
        while (queue.TryDequeue(out var source))
        {
            visited.Add(source);
            foreach (var target in adjacency[source].Select(c => c.Target!.Activity!).Distinct(StringComparer.Ordinal))
            {
                if (edges.Contains((source, target)) || HasPath(successors, target, source))
                {
                    continue;
                }

                edges.Add((source, target));
                if (!successors.TryGetValue(source, out var list))
                {
                    successors[source] = list = [];
                }

                list.Add(target);
                if (!visited.Contains(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        forward.AddRange(connections.Where(c => edges.Contains((c.Source!.Activity!, c.Target!.Activity!))));
        return forward;
    }

    private static bool HasPath(Dictionary<string, List<string>> successors, string from, string to)
    {
        if (from == to)
        {
            return true;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([from]);
        while (stack.TryPop(out var current))
        {
            if (current == to)
            {
                return true;
            }

            if (seen.Add(current) && successors.TryGetValue(current, out var next))
            {
                foreach (var n in next)
                {
                    stack.Push(n);
                }
            }
        }

        return false;
    }
}
