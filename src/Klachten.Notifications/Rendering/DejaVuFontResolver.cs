using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Klachten.Notifications.Rendering;

/// <summary>
/// PDFsharp 6 finds no system fonts on Linux: every font it uses comes from here. DejaVu Sans (regular and bold) is
/// embedded in this assembly (licence in Fonts/LICENSE-DejaVu.txt); any family name resolves to it, italic is simulated.
/// </summary>
internal sealed class DejaVuFontResolver : IFontResolver
{
    public const string FamilyName = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly Lock Gate = new();
    private static readonly DejaVuFontResolver Instance = new();
    private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    /// <summary>Installs the resolver once per process; PDFsharp's setting is global and may be set only once.</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = Instance;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => _faces.GetOrAdd(faceName, Load);

    private static byte[] Load(string faceName)
    {
        var name = $"Klachten.Notifications.Fonts.{faceName}.ttf";
        using var stream = typeof(DejaVuFontResolver).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded font '{name}' is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
