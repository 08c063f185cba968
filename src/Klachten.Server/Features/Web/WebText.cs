using System.Globalization;
using Klachten.Server.Features.Complaints;

namespace Klachten.Server.Features.Web;

/// <summary>Dutch date formats and plain text of JSON values for the pages; the Dutch words themselves come from <see cref="DutchLabels"/>.</summary>
internal static class WebText
{
    public static readonly CultureInfo Dutch = Common.Dutch.Culture;

    public static string Date(DateOnly? date) => date?.ToString("d MMMM yyyy", Dutch) ?? "—";

    public static string Date(string? isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Date(d) : "—";

    /// <summary>An instant as the API writes it (Dutch offset), for a <c>datetime</c> attribute.</summary>
    public static string IsoInstant(DateTimeOffset instant) =>
        System.Text.Json.JsonSerializer.Serialize(Klachten.Workflows.Terms.AmsterdamTime.Local(instant)).Trim('"');

    public static string Instant(DateTimeOffset? instant) =>
        instant is { } i ? Klachten.Workflows.Terms.AmsterdamTime.Local(i).ToString("d MMMM yyyy, HH:mm", Dutch) : "—";

    /// <summary>A JSON value of the API's case view as plain text (strings unquoted, dates and ids without quotes).</summary>
    public static string Text(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        null => string.Empty,
        System.Text.Json.Nodes.JsonValue v when v.TryGetValue<string>(out var text) => text,
        System.Text.Json.Nodes.JsonValue v => v.ToJsonString().Trim('"'),
        _ => node.ToJsonString(),
    };

    public static DateTimeOffset? InstantOf(System.Text.Json.Nodes.JsonNode? node) =>
        node is System.Text.Json.Nodes.JsonValue v && (v.TryGetValue<DateTimeOffset>(out var instant)
            || DateTimeOffset.TryParse(Text(v), CultureInfo.InvariantCulture, DateTimeStyles.None, out instant)) ? instant : null;
}
