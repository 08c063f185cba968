namespace Klachten.Server.Common;

internal enum ClockKind
{
    System,
    Manual,
}

/// <summary>Top-level settings under <c>Klachten</c>.</summary>
internal sealed class KlachtenOptions
{
    public const string SectionName = "Klachten";

    /// <summary>SQLite file, e-mail pickup folder, local files. Relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Definitions imported at start-up; defaults to the copy of the repo's workflows/ next to the binaries.</summary>
    public string? WorkflowsDirectory { get; set; }

    /// <summary><c>Manual</c> runs on a clock moved through <c>/api/dev/clock</c>; allowed only in Development.</summary>
    public ClockKind Clock { get; set; } = ClockKind.System;
}
