using System.Globalization;

namespace Klachten.Server.Common;

/// <summary>The culture of every Dutch text the server writes (dates in letters, pages and the timeline).</summary>
internal static class Dutch
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("nl-NL");
}
