namespace Klachten.Server.Hosting;

/// <summary>Top-level settings under <c>Klachten</c>.</summary>
internal sealed class KlachtenOptions
{
    public const string SectionName = "Klachten";

    /// <summary>SQLite file, e-mail pickup folder, local files. Relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Definitions imported at start-up; defaults to the copy of the repo's workflows/ next to the binaries.</summary>
    public string? WorkflowsDirectory { get; set; }
}
