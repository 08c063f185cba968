using System.Globalization;
using Klachten.Server.Features.Complaints;

namespace Klachten.Server.Features.Web;

/// <summary>Dutch date formats for the pages; the Dutch words themselves come from <see cref="DutchLabels"/>.</summary>
internal static class WebText
{
    public static readonly CultureInfo Dutch = Common.Dutch.Culture;

    public static string Date(DateOnly? date) => date?.ToString("d MMMM yyyy", Dutch) ?? "—";

    public static string Date(string? isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Date(d) : "—";

    /// <summary>An instant as the API writes it (Dutch offset), for a <c>datetime</c> attribute.</summary>
    public static string IsoInstant(DateTimeOffset instant) =>
        System.Text.Json.JsonSerializer.Serialize(Klachten.Contracts.AmsterdamTime.Local(instant)).Trim('"');

    public static string Instant(DateTimeOffset? instant) =>
        instant is { } i ? Klachten.Contracts.AmsterdamTime.Local(i).ToString("d MMMM yyyy, HH:mm", Dutch) : "—";
}
