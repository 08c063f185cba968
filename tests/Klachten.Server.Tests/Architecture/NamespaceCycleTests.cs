namespace Klachten.Server.Tests.Architecture;

/// <summary>
/// The server's parts use each other in one direction only: a feature, the runtime, persistence, messaging and the
/// host form no cycle, so each can be read, changed and later split out on its own.
/// </summary>
public sealed class NamespaceCycleTests
{
    private const string Root = "Klachten.Server.";

    [Fact]
    public void ServerNamespaces_FormNoCycle()
    {
        var graph = NamespaceGraph.Read(typeof(Klachten.Server.Persistence.KlachtenDbContext).Assembly.Location, Group);

        // The reading must see the layers at all, or "no cycle" would mean nothing.
        Assert.Contains("Persistence", graph.Edges["Runtime"].Keys);
        Assert.Contains("Runtime", graph.Edges["Features.Tasks"].Keys);

        var cycles = graph.Cycles();
        var explained = cycles.Select(cycle => string.Join(Environment.NewLine, cycle.SelectMany(from =>
            graph.Edges[from].Where(edge => cycle.Contains(edge.Key)).Select(edge => $"  {from} → {edge.Key}: {edge.Value}"))));
        Assert.True(cycles.Count == 0, "Namespace cycles:" + Environment.NewLine + string.Join(Environment.NewLine + "--" + Environment.NewLine, explained));
    }

    [Fact]
    public void CycleDetection_FindsACycle()
    {
        var graph = NamespaceGraph.Read(typeof(NamespaceCycleTests).Assembly.Location, ns => ns switch
        {
            "Klachten.Server.Tests.Architecture.CycleA" => "A",
            "Klachten.Server.Tests.Architecture.CycleB" => "B",
            _ => null,
        });

        var cycle = Assert.Single(graph.Cycles());
        Assert.Equal(["A", "B"], cycle);
    }

    // Klachten.Server.Features.X.Y → "Features.X"; Klachten.Server.Runtime → "Runtime"; views and the top level are the composition.
    private static string? Group(string ns)
    {
        if (!ns.StartsWith(Root, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = ns[Root.Length..].Split('.');
        return parts[0] == "Features" && parts.Length > 1 ? $"Features.{parts[1]}" : parts[0];
    }
}
