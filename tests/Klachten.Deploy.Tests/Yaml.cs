using YamlDotNet.RepresentationModel;

namespace Klachten.Deploy.Tests;

/// <summary>Reads the repository's YAML files as plain trees (no schema: the tests check what matters).</summary>
internal static class Yaml
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([RepoRoot, .. parts]);

    /// <summary>Every document of a (multi-document) YAML file.</summary>
    public static List<YamlMappingNode> Documents(string file)
    {
        using var reader = new StreamReader(file);
        var stream = new YamlStream();
        stream.Load(reader);
        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }

    public static YamlNode? Get(this YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || Lookup(map, key) is not { } next)
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    // A key of the mapping itself, else of the mappings it merges ("<<: *anchor", as docker-compose files use).
    private static YamlNode? Lookup(YamlMappingNode map, string key)
    {
        if (map.Children.TryGetValue(new YamlScalarNode(key), out var value))
        {
            return value;
        }

        if (!map.Children.TryGetValue(new YamlScalarNode("<<"), out var merged))
        {
            return null;
        }

        var sources = merged is YamlSequenceNode list ? list.Children : [merged];
        return sources.OfType<YamlMappingNode>().Select(m => Lookup(m, key)).FirstOrDefault(n => n is not null);
    }

    public static string? Text(this YamlNode node, params string[] path) => (node.Get(path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(this YamlNode node, params string[] path) =>
        node.Get(path) is YamlSequenceNode sequence ? sequence.Children : [];

    public static IEnumerable<string> Keys(this YamlNode node, params string[] path) =>
        node.Get(path) is YamlMappingNode map ? map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!) : [];

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "KlachtenWorkflow.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("KlachtenWorkflow.sln not found above " + AppContext.BaseDirectory);
    }
}
