using System.Globalization;
using Klachten.Server.Features.Complaints;
using Klachten.Server.Persistence;

namespace Klachten.Server.Features.Web;

/// <summary>The Dutch words the pages show for the contract's English enum values, and Dutch date formats.</summary>
internal static class WebText
{
    public static readonly CultureInfo Dutch = Common.Dutch.Culture;

    // The words themselves live in Features/Complaints/DutchLabels.cs (one source for pages, messages and timeline).
    public static IReadOnlyList<(string Value, string Text)> Categories => DutchLabels.Categories;

    public static IReadOnlyList<(string Value, string Text)> Grounds => DutchLabels.Grounds;

    public static IReadOnlyList<(string Value, string Text)> RepresentativeKinds => DutchLabels.RepresentativeKinds;

    public static IReadOnlyList<(string Value, string Text)> Stages => DutchLabels.Stages;

    public static IReadOnlyList<ComplaintStatus> Statuses { get; } = DutchLabels.Statuses.Select(s => s.Value).ToList();

    public static string Status(string? status) => DutchLabels.Status(status);

    public static string Status(ComplaintStatus status) => DutchLabels.Status(status);

    public static string Category(string? value) => DutchLabels.Category(value);

    public static string Ground(string? value) => DutchLabels.Ground(value);

    public static string RepresentativeKind(string? value) => DutchLabels.RepresentativeKind(value);

    public static string Role(string? role) => role switch
    {
        "klachtencommissie" => "Klachtencommissie",
        null => string.Empty,
        _ => Dutch.TextInfo.ToTitleCase(role),
    };

    public static string FieldLabel(string field) => DutchLabels.TaskField(field);

    public static string LetterKind(string? kind) => DutchLabels.LetterKind(kind);

    public static string Date(DateOnly? date) => date?.ToString("d MMMM yyyy", Dutch) ?? "—";

    public static string Date(string? isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Date(d) : "—";

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
