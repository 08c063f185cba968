using System.Globalization;
using Klachten.Server.Common;
using Klachten.Workflows.Terms;

namespace Klachten.Server.Features.Terms;

/// <summary>Settings under <c>Klachten:Calendar</c>: how the organisation's calendar deviates from the statutory one.</summary>
internal sealed class CalendarOptions
{
    public const string SectionName = "Klachten:Calendar";

    /// <summary>Whether 5 May counts as a holiday; the Algemene termijnenwet says it does, every year.</summary>
    public bool IncludeBevrijdingsdag { get; set; } = true;

    /// <summary>Days declared equal to holidays by decree and closure days: <c>{ "Date": "yyyy-MM-dd", "Name": "…" }</c>.</summary>
    public List<ClosedDayOptions> ExtraClosedDays { get; set; } = [];

    /// <summary>The engine's settings; a bad entry stops start-up with a line naming its key.</summary>
    public CalendarSettings ToSettings()
    {
        var days = new List<Holiday>();
        for (var i = 0; i < ExtraClosedDays.Count; i++)
        {
            var entry = ExtraClosedDays[i];
            var key = $"{SectionName}:ExtraClosedDays:{i}";
            if (!DateOnly.TryParseExact(entry.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new StartupException($"Invalid configuration {key}:Date: '{entry.Date}' is not a date in the form yyyy-MM-dd.");
            }

            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                throw new StartupException($"Invalid configuration {key}:Name: a closure day needs a Dutch name.");
            }

            days.Add(new Holiday(date, entry.Name.Trim()));
        }

        return new CalendarSettings { IncludeBevrijdingsdag = IncludeBevrijdingsdag, ExtraClosedDays = days };
    }
}

/// <summary>One configured closure day.</summary>
internal sealed class ClosedDayOptions
{
    /// <summary>The day, <c>yyyy-MM-dd</c>.</summary>
    public string? Date { get; set; }

    /// <summary>Its Dutch name, shown to complainants ("Vrijdag na Hemelvaartsdag").</summary>
    public string? Name { get; set; }
}
