using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Fluid;
using Klachten.Contracts;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Klachten.Notifications.Rendering;

/// <summary>
/// The organisation's Liquid templates (Fluid), one file per letter kind plus the e-mail texts, read from
/// <see cref="NotificationOptions.TemplatesDirectory"/>. A changed file is parsed again on its next use, so edits need
/// no restart. A variable a message does not supply renders empty; templates cannot include files.
/// </summary>
internal sealed partial class LetterTemplates(IOptionsMonitor<NotificationOptions> options)
{
    /// <summary>The e-mail that carries a letter.</summary>
    public const string LetterEmail = "_email";

    /// <summary>The reminder e-mail.</summary>
    public const string ReminderEmail = "_herinnering";

    public const string Extension = ".liquid";

    private static readonly FluidParser Parser = new();

    private static readonly TemplateOptions RenderOptions = new()
    {
        MaxSteps = 100_000,
        MaxRecursion = 20,
        FileProvider = new NullFileProvider(),
        CultureInfo = Dutch.Culture,
        TimeZone = AmsterdamTime.Zone,
    };

    private readonly ConcurrentDictionary<string, (DateTime Stamp, IFluidTemplate Template)> _parsed = new(StringComparer.Ordinal);

    /// <summary>Letter kinds are template names: a letter, then letters and digits (no paths, no e-mail texts).</summary>
    public static bool IsLetterKind(string? kind) => kind is not null && LetterKindPattern().IsMatch(kind);

    public async Task<string> RenderAsync(string name, IReadOnlyDictionary<string, object?> values)
    {
        var template = Load(name);
        var context = new TemplateContext(RenderOptions);
        foreach (var (key, value) in values)
        {
            context.SetValue(key, value);
        }

        try
        {
            return await template.RenderAsync(context, NullEncoder.Default);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new LetterException($"Sjabloon {name}{Extension} kon niet worden ingevuld: {exception.Message}", exception);
        }
    }

    private IFluidTemplate Load(string name)
    {
        var path = Path.Combine(options.CurrentValue.TemplatesDirectory ?? string.Empty, name + Extension);
        if (!File.Exists(path))
        {
            throw new LetterException($"Er is geen sjabloon {name}{Extension}: onbekende briefsoort of ontbrekend sjabloon.");
        }

        var stamp = File.GetLastWriteTimeUtc(path);
        if (_parsed.TryGetValue(path, out var cached) && cached.Stamp == stamp)
        {
            return cached.Template;
        }

        if (!Parser.TryParse(File.ReadAllText(path), out var template, out var error))
        {
            throw new LetterException($"Sjabloon {name}{Extension} bevat een fout: {error}");
        }

        _parsed[path] = (stamp, template);
        return template;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex LetterKindPattern();
}
