using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime;

/// <summary>
/// Every activity of a definition by node id, with the container that holds it (a flowchart, or a composite such as
/// a sequence or a loop), and a <see cref="FlowGraph"/> per flowchart (the root and any nested one).
/// </summary>
public sealed class DefinitionGraph
{
    private const char TagSeparator = '|';
    private readonly Dictionary<string, ActivityModel> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _parents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FlowGraph> _flowcharts = new(StringComparer.Ordinal);

    /// <summary>Indexes a root activity and everything in it; <paramref name="variables"/> are the definition's (for output bindings).</summary>
    public DefinitionGraph(ActivityModel root, IEnumerable<JsonNode?>? variables = null)
    {
        Root = root;
        RootNodeId = root.NodeId ?? root.Id ?? "root";
        Index(root, RootNodeId, parent: null);
        // Variables of the definition, and of containers and workflows used as activities inside it (Elsa scopes
        // those; here they share the instance's variables by name).
        var nested = _nodes.Values.SelectMany(a => a.GetInput("variables") as JsonArray ?? []);
        foreach (var variable in (variables ?? []).Concat(nested).OfType<JsonObject>())
        {
            if (variable["id"] is JsonValue id && variable["name"] is JsonValue name)
            {
                VariableNames[id.ToString()] = name.ToString();
            }
        }
    }

    /// <summary>Variable names by variable id: an output bound to <c>memoryReference.id</c> writes that variable.</summary>
    public Dictionary<string, string> VariableNames { get; } = new(StringComparer.Ordinal);

    /// <summary>The root activity (a flowchart, as Studio makes it, or another container).</summary>
    public ActivityModel Root { get; }

    /// <summary>The root's node id.</summary>
    public string RootNodeId { get; }

    /// <summary>Whether a node id belongs to this definition.</summary>
    public bool Contains(string nodeId) => _nodes.ContainsKey(RealId(nodeId));

    /// <summary>An activity by node id.</summary>
    public ActivityModel Node(string nodeId) => _nodes[RealId(nodeId)];

    /// <summary>The node id of an activity (computed from its parent when the definition has none).</summary>
    public static string NodeIdOf(string flowchartNodeId, ActivityModel activity) => activity.NodeId ?? $"{flowchartNodeId}:{activity.Id}";

    /// <summary>The node id of a direct child of a container (in the container's iteration, if any).</summary>
    public static string ChildNodeIdOf(string containerNodeId, ActivityModel child) =>
        WithTag(NodeIdOf(RealId(containerNodeId), child), TagOf(containerNodeId));

    /// <summary>
    /// The container holding an activity; null for the root. The body of a ParallelForEach runs once per item, each
    /// run under its own iteration tag (<c>nodeId|tag</c>); its parent is the ParallelForEach outside that iteration.
    /// </summary>
    public string? ParentOf(string nodeId)
    {
        var real = RealId(nodeId);
        if (_parents.GetValueOrDefault(real) is not { } parent)
        {
            return null;
        }

        var tag = TagOf(nodeId);
        if (tag is not null && _nodes[parent].Type == ActivityTypes.ParallelForEach)
        {
            var last = tag.LastIndexOf(TagSeparator);
            tag = last < 0 ? null : tag[..last];
        }

        return WithTag(parent, tag);
    }

    /// <summary>The graph of a flowchart by its node id.</summary>
    public FlowGraph Flowchart(string flowchartNodeId) => _flowcharts[RealId(flowchartNodeId)];

    /// <summary>Whether a node is a flowchart container.</summary>
    public bool IsFlowchart(string nodeId) => _flowcharts.ContainsKey(RealId(nodeId));

    /// <summary>The node id of a child of a flowchart, by the child's activity id.</summary>
    public string ChildNodeId(string flowchartNodeId, string activityId) =>
        ChildNodeIdOf(flowchartNodeId, Flowchart(flowchartNodeId).Activity(activityId));

    /// <summary>The node id in the definition, without iteration tags.</summary>
    public static string RealId(string nodeId) => nodeId.IndexOf(TagSeparator) is var i and >= 0 ? nodeId[..i] : nodeId;

    /// <summary>The iteration tags of a node id (outermost first), or null.</summary>
    public static string? TagOf(string nodeId) => nodeId.IndexOf(TagSeparator) is var i and >= 0 ? nodeId[(i + 1)..] : null;

    /// <summary>A node id inside one more iteration.</summary>
    public static string WithTag(string nodeId, string? tag) => tag is null ? nodeId : $"{nodeId}{TagSeparator}{tag}";

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

        if (activity.IsFlowchart)
        {
            _flowcharts[nodeId] = new FlowGraph(activity);
        }

        foreach (var child in activity.Children)
        {
            if (child.Id is not null)
            {
                Index(child, NodeIdOf(nodeId, child), nodeId);
            }
        }
    }
}
