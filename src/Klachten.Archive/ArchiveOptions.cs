using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Klachten.Archive;

/// <summary><c>Klachten:Archive</c>: how long a closed dossier is kept and how often the retention job looks.</summary>
public sealed class ArchiveOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Klachten:Archive";

    internal const int MaxRetentionYears = 100;
    internal static readonly TimeSpan MinInterval = TimeSpan.FromMinutes(1);

    // Task.Delay cannot wait longer than about 49 days; a month is already far more than useful.
    internal static readonly TimeSpan MaxInterval = TimeSpan.FromDays(30);

    /// <summary>Whole years a dossier is kept after its case closed (the closing date in Europe/Amsterdam plus this).</summary>
    public int RetentionYears { get; set; } = 2;

    /// <summary>Time between two runs of the retention job.</summary>
    public TimeSpan RetentionJobInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Binds the section and validates it now, so a wrong value stops start-up with a line naming the key.</summary>
    internal static ArchiveOptions Load(IConfiguration configuration)
    {
        ArchiveOptions options;
        try
        {
            options = configuration.GetSection(SectionName).Get<ArchiveOptions>() ?? new ArchiveOptions();
        }
        catch (InvalidOperationException ex)
        {
            // The binder's message names the key and the value it could not convert.
            throw new OptionsValidationException(SectionName, typeof(ArchiveOptions), [$"Invalid configuration: {ex.Message}"]);
        }

        var result = new ArchiveOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(SectionName, typeof(ArchiveOptions), result.Failures);
        }

        return options;
    }
}

/// <summary>Every message names the full configuration key.</summary>
internal sealed class ArchiveOptionsValidator : IValidateOptions<ArchiveOptions>
{
    public ValidateOptionsResult Validate(string? name, ArchiveOptions options)
    {
        var failures = new List<string>();
        if (options.RetentionYears is < 1 or > ArchiveOptions.MaxRetentionYears)
        {
            failures.Add($"Invalid configuration {ArchiveOptions.SectionName}:{nameof(ArchiveOptions.RetentionYears)}: "
                + $"must be a whole number of years from 1 to {ArchiveOptions.MaxRetentionYears} (was {options.RetentionYears}).");
        }

        if (options.RetentionJobInterval < ArchiveOptions.MinInterval || options.RetentionJobInterval > ArchiveOptions.MaxInterval)
        {
            failures.Add($"Invalid configuration {ArchiveOptions.SectionName}:{nameof(ArchiveOptions.RetentionJobInterval)}: "
                + $"must lie between {ArchiveOptions.MinInterval:c} and {ArchiveOptions.MaxInterval:c} (was {options.RetentionJobInterval:c}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
