using System.Text.Json.Nodes;
using Klachten.Server.Tests.Support;

namespace Klachten.Server.Tests.Compatibility;

/// <summary>One file of <c>Compatibility/Flowcharts</c>: an Elsa 3.7 export and the outcome Elsa gives for it.</summary>
internal sealed record CompatibilityScenario(
    string Name,
    JsonObject Definition,
    Outcome Expected,
    string? IncidentMessageContains,
    string? IncidentActivityId)
{
    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "Klachten.Server.Tests", "Compatibility", "Flowcharts");

    /// <summary>Composite activities (Sequence, If, loops, Break, Fork, Switch, Parallel, Complete), mirroring Elsa 3.8's tests.</summary>
    public static string CompositesFolder => Path.Combine(RepoPaths.Root, "tests", "Klachten.Server.Tests", "Compatibility", "Composites");

    public string DefinitionId => (string)Definition["definitionId"]!;

    /// <summary>Scenario names, read from the source folder so that a new file is a new test case.</summary>
    public static IEnumerable<string> Names() =>
        new[] { Folder, CompositesFolder }.SelectMany(folder => Directory.EnumerateFiles(folder, "*.json"))
            .Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal);

    public static CompatibilityScenario Load(string name)
    {
        var path = Path.Combine(Folder, name + ".json");
        var file = JsonNode.Parse(File.ReadAllText(File.Exists(path) ? path : Path.Combine(CompositesFolder, name + ".json")))!.AsObject();
        var expected = file["expected"]!;
        return new CompatibilityScenario(
            (string)file["scenario"]!,
            file["definition"]!.AsObject(),
            new Outcome(
                (string)expected["status"]!,
                (string)expected["subStatus"]!,
                [.. expected["lines"]!.AsArray().Select(l => (string)l!)],
                (int?)expected["incidents"] ?? 0,
                (int)expected["bookmarks"]!),
            (string?)expected["incidentMessageContains"],
            (string?)expected["incidentActivityId"]);
    }
}

/// <summary>How a run ended. Compared as one value so that a failure shows every difference at once.</summary>
internal sealed record Outcome(string Status, string SubStatus, IReadOnlyList<string> Lines, int Incidents, int Bookmarks)
{
    public override string ToString() =>
        $"{Status}/{SubStatus}; lines [{string.Join(" | ", Lines)}]; {Incidents} incident(s); {Bookmarks} bookmark(s)";
}
