namespace Klachten.Workflows.Terms;

/// <summary>Dates as Dutch text ("8 januari 2027"), without depending on the host's culture data.</summary>
internal static class DutchDates
{
    private static readonly string[] Months =
    [
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ];

    public static string Format(DateOnly date) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{date.Day} {Months[date.Month - 1]} {date.Year}");
}
