using System.Globalization;
using Klachten.Workflows.Terms;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Klachten.Server.Features.Terms;

/// <summary><c>GET /api/calendar/holidays?year=2027</c>: the holidays and closure days of a year, as configured.</summary>
internal static class ListHolidays
{
    public const int MinYear = 1900;
    public const int MaxYear = 2200;

    public static Results<Ok<List<HolidayResponse>>, ValidationProblem> Handle(string? year, LegalCalendar calendar)
    {
        string? error = null;
        if (string.IsNullOrWhiteSpace(year))
        {
            error = "Geef het jaar op, bijvoorbeeld 2027.";
        }
        else if (!int.TryParse(year, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            error = "Het jaar moet een geheel getal zijn, bijvoorbeeld 2027.";
        }
        else if (value is < MinYear or > MaxYear)
        {
            error = $"Het jaar moet tussen {MinYear} en {MaxYear} liggen.";
        }
        else
        {
            return TypedResults.Ok(calendar.GetHolidays(value).Select(h => new HolidayResponse(h.Date, h.Name)).ToList());
        }

        return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [error] }, title: "Ongeldige invoer");
    }

    internal sealed record HolidayResponse(DateOnly Date, string Name);
}
