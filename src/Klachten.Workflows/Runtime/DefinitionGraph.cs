using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime;

/// <summary>
/// Every activity of a definition by node id, with the flowchart that contains it, and a <see cref="FlowGraph"/>
/// per flowchart (the root and any nested one).
/// </summary>
public sealed class DefinitionGraph
{
    private readonly Dictionary<string, ActivityModel> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _parents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FlowGraph> _flowcharts = new(StringComparer.Ordinal);

    /// <summary>Indexes a root flowchart and everything in it.</summary>
    public DefinitionGraph(ActivityModel root)
    {
        Root = root;
        RootNodeId = root.NodeId ?? root.Id ?? "root";
        Index(root, RootNodeId, parent: null);
    }

    /// <summary>The root flowchart.</summary>
    public ActivityModel Root { get; }

    /// <summary>The root's node id.</summary>
    public string RootNodeId { get; }

    /// <summary>An activity by node id.</summary>
    public ActivityModel Node(string nodeId) => _nodes[nodeId];

    /// <summary>The node id of an activity (computed from its parent when the definition has none).</summary>
    public static string NodeIdOf(string flowchartNodeId, ActivityModel activity) => activity.NodeId ?? $"{flowchartNodeId}:{activity.Id}";

    /// <summary>The flowchart containing an activity; null for the root.</summary>
    public string? ParentOf(string nodeId) => _parents.GetValueOrDefault(nodeId);

    /// <summary>The graph of a flowchart by its node id.</summary>
    public FlowGraph Flowchart(string flowchartNodeId) => _flowcharts[flowchartNodeId];

    /// <summary>Whether a node is a flowchart container.</summary>
    public bool IsFlowchart(string nodeId) => _flowcharts.ContainsKey(nodeId);

    /// <summary>The node id of a child of a flowchart, by the child's activity id.</summary>
    public string ChildNodeId(string flowchartNodeId, string activityId) =>
        NodeIdOf(flowchartNodeId, _flowcharts[flowchartNodeId].Activity(activityId));

    /// <summary>Whether <paramref name="nodeId"/> lies inside the container <paramref name="ancestorNodeId"/> (at any depth).</summary>
    public bool IsInside(string nodeId, string ancestorNodeId)
    {
        for (var parent = ParentOf(nodeId); parent is not null; parent = ParentOf(parent))
        {
            if (parent == ancestorNodeId)
            {
                return true;
            }
        }

        return false;
    }

    private void Index(ActivityModel activity, string nodeId, string? parent)
    {
        _nodes[nodeId] = activity;
        if (parent is not null)
        {
            _parents[nodeId] = parent;
        }

        if (!activity.IsFlowchart)
        {
            return;
        }

        _flowcharts[nodeId] = new FlowGraph(activity);
        foreach (var child in activity.Activities ?? [])
        {
            if (child.Id is not null)
            {
                Index(child, NodeIdOf(nodeId, child), nodeId);
            }
        }
    }
}
