namespace Klachten.Workflows.Tests.Support;

/// <summary>
/// Finds files in the repository at run time, so definitions are read where they live instead of being copied to
/// the build output.
/// </summary>
internal static class RepositoryPaths
{
    private const string SolutionFileName = "KlachtenWorkflow.sln";

    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string WorkflowsDirectory => Path.Combine(Root, "workflows");

    public static string DefinitionSamplesDirectory =>
        Path.Combine(Root, "tests", "Klachten.Workflows.Tests", "Definitions", "Samples");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No directory above '{AppContext.BaseDirectory}' contains {SolutionFileName}; run the tests from the repository.");
    }
}
