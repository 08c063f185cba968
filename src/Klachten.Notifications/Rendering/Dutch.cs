using System.Globalization;
using Klachten.Contracts;

namespace Klachten.Notifications.Rendering;

/// <summary>Dates as a Dutch letter writes them, in Amsterdam's calendar.</summary>
internal static class Dutch
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>"9 december 2026".</summary>
    public static string Date(DateTimeOffset instant) =>
        AmsterdamTime.Local(instant).ToString("d MMMM yyyy", Culture);

    /// <summary>"9 december 2026 om 17:00".</summary>
    public static string DateTime(DateTimeOffset instant) =>
        AmsterdamTime.Local(instant).ToString("d MMMM yyyy 'om' HH:mm", Culture);

    /// <summary>"A", "A en B", "A, B en C".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " en " + items[^1],
    };

    /// <summary>How a role is named in a letter.</summary>
    public static string Role(string role) => DutchWords.RoleInSentence(role);
}
