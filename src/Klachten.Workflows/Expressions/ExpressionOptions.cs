namespace Klachten.Workflows.Expressions;

/// <summary>
/// Budgets and settings for expression evaluation. Every JavaScript expression runs under all of these limits, so a
/// definition cannot hang or exhaust the server however it is written.
/// </summary>
public sealed record ExpressionOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Expressions";

    /// <summary>The options with every default.</summary>
    public static ExpressionOptions Default { get; } = new();

    /// <summary>The longest one JavaScript expression may run (wall-clock time). Default 2 seconds.</summary>
    public TimeSpan ScriptTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The most memory one JavaScript expression may allocate, in bytes. Default 32 MB.</summary>
    public long MaxMemoryBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>The most statements one JavaScript expression may execute. Default 1,000,000.</summary>
    public int MaxStatements { get; init; } = 1_000_000;

    /// <summary>The deepest JavaScript call stack one expression may build. Default 256.</summary>
    public int MaxRecursionDepth { get; init; } = 256;

    /// <summary>The most steps one Liquid template may take while rendering. Default 100,000.</summary>
    public int LiquidMaxSteps { get; init; } = 100_000;

    /// <summary>The deepest nesting of Liquid <c>include</c>/<c>render</c> and blocks. Default 100.</summary>
    public int LiquidMaxRecursion { get; init; } = 100;

    /// <summary>How many parsed scripts and templates are kept, each cache apart. Default 512.</summary>
    public int CacheSize { get; init; } = 512;

    /// <summary>
    /// The time zone JavaScript <c>Date</c> and Liquid <c>date</c> use for local time (IANA or Windows id). Default
    /// <c>UTC</c>, so that a script gives the same answer on every server.
    /// </summary>
    public string TimeZoneId { get; init; } = "UTC";

    /// <summary>Throws when a value is out of range; called by <see cref="ExpressionEvaluator"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero or negative.</exception>
    /// <exception cref="TimeZoneNotFoundException"><see cref="TimeZoneId"/> is unknown.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ScriptTimeout, TimeSpan.Zero, nameof(ScriptTimeout));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxMemoryBytes, nameof(MaxMemoryBytes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxStatements, nameof(MaxStatements));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxRecursionDepth, nameof(MaxRecursionDepth));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LiquidMaxSteps, nameof(LiquidMaxSteps));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LiquidMaxRecursion, nameof(LiquidMaxRecursion));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(CacheSize, nameof(CacheSize));
        _ = ResolveTimeZone();
    }

    internal TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
}
