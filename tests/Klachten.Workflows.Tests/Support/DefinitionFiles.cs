using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Tests.Support;

/// <summary>Lists and reads the definition files the tests load.</summary>
internal static class DefinitionFiles
{
    public static IEnumerable<string> SampleNames() => JsonFileNames(RepositoryPaths.DefinitionSamplesDirectory);

    public static IEnumerable<string> WorkflowNames() => JsonFileNames(RepositoryPaths.WorkflowsDirectory);

    public static string ReadSample(string fileName) =>
        File.ReadAllText(Path.Combine(RepositoryPaths.DefinitionSamplesDirectory, fileName));

    public static string ReadWorkflow(string fileName) =>
        File.ReadAllText(Path.Combine(RepositoryPaths.WorkflowsDirectory, fileName));

    public static WorkflowDefinitionModel ParseSample(string fileName) => DefinitionJson.Parse(ReadSample(fileName));

    private static IEnumerable<string> JsonFileNames(string directory) =>
        Directory.EnumerateFiles(directory, "*.json")
            .Select(path => Path.GetFileName(path))
            .Order(StringComparer.Ordinal);
}
