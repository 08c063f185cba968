namespace Klachten.Server.Features.Studio;

/// <summary>
/// Where the Elsa Studio bundle (npm @elsa-workflows/elsa-studio-wasm, restored by the build) lies on disk:
/// <c>Klachten:Studio:BundleDirectory</c> when set; else <c>studio/</c> beside the binaries (dotnet publish puts it
/// there); else the restore location <c>src/Klachten.Studio/node_modules/@elsa-workflows/elsa-studio-wasm</c> found
/// from the content root or the binaries upwards (dotnet run, tests).
/// </summary>
internal sealed class StudioBundle
{
    public const string ConfigKey = "Klachten:Studio:BundleDirectory";
    private const string RestoredPath = "Klachten.Studio/node_modules/@elsa-workflows/elsa-studio-wasm";

    private StudioBundle(string? directory) => Directory = directory;

    /// <summary>The bundle directory, or null when it was not found (the build ran without the restore).</summary>
    public string? Directory { get; }

    public static StudioBundle Locate(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration[ConfigKey] is { Length: > 0 } configured)
        {
            var full = Path.GetFullPath(configured, environment.ContentRootPath);
            return IsBundle(full)
                ? new StudioBundle(full)
                : throw new InvalidOperationException(
                    $"{ConfigKey.Replace(":", "__", StringComparison.Ordinal)}: '{full}' bevat geen Elsa Studio-bundel (_framework/blazor.webassembly.js ontbreekt).");
        }

        foreach (var start in new[] { AppContext.BaseDirectory, environment.ContentRootPath })
        {
            if (IsBundle(Path.Combine(start, "studio")))
            {
                return new StudioBundle(Path.GetFullPath(Path.Combine(start, "studio")));
            }

            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(dir.FullName, RestoredPath), Path.Combine(dir.FullName, "src", RestoredPath) })
                {
                    if (IsBundle(candidate))
                    {
                        return new StudioBundle(Path.GetFullPath(candidate));
                    }
                }
            }
        }

        return new StudioBundle(null);
    }

    private static bool IsBundle(string directory) =>
        File.Exists(Path.Combine(directory, "_framework", "blazor.webassembly.js"));
}
