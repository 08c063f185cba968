using System.Globalization;
using Klachten.Workflows.Terms;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Klachten.Server.Features.Terms;

/// <summary>
/// <c>GET /api/terms/preview?start=2026-12-23&amp;amount=10&amp;unit=WorkingDays</c>: when a term ends and why.
/// The query values are read as strings and checked here, so bad input gets Dutch messages per field, never a 500.
/// </summary>
internal static class PreviewTerm
{
    private static readonly string Units = $"{TermUnit.CalendarDays}, {TermUnit.Weeks} of {TermUnit.WorkingDays}";

    public static Results<Ok<Response>, ValidationProblem> Handle(string? start, string? amount, string? unit, TermCalculator calculator)
    {
        var errors = new Dictionary<string, string[]>();
        var startDate = ParseStart(start, errors);
        var count = ParseAmount(amount, errors);
        var termUnit = ParseUnit(unit, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Ongeldige invoer");
        }

        var result = calculator.Compute(startDate, count, termUnit);
        return TypedResults.Ok(new Response(
            result.Start,
            result.Amount,
            result.Unit.ToString(),
            result.Due,
            result.ExpiresAt,
            [.. result.Skipped.Select(s => new SkippedResponse(s.Date, s.Reason))],
            result.Explanation));
    }

    private static DateOnly ParseStart(string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors["start"] = ["Geef de begindatum op als jjjj-mm-dd, bijvoorbeeld 2026-12-23."];
        }
        else if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors["start"] = ["De begindatum is geen geldige datum; gebruik jjjj-mm-dd, bijvoorbeeld 2026-12-23."];
        }
        else if (date.Year is < ListHolidays.MinYear or > ListHolidays.MaxYear)
        {
            errors["start"] = [$"De begindatum moet tussen {ListHolidays.MinYear} en {ListHolidays.MaxYear} liggen."];
        }
        else
        {
            return date;
        }

        return default;
    }

    private static int ParseAmount(string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors["amount"] = ["Geef het aantal op."];
        }
        else if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            errors["amount"] = ["Het aantal moet een geheel getal zijn."];
        }
        else if (number < 1)
        {
            errors["amount"] = ["Het aantal moet minstens 1 zijn."];
        }
        else if (number > TermCalculator.MaxAmount)
        {
            errors["amount"] = [$"Het aantal mag hoogstens {TermCalculator.MaxAmount} zijn."];
        }
        else
        {
            return (int)number;
        }

        return 0;
    }

    private static TermUnit ParseUnit(string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors["unit"] = [$"Geef de eenheid op: {Units}."];
            return default;
        }

        // Enum.TryParse would also accept numbers and comma lists; only the names are part of the contract.
        var name = Enum.GetNames<TermUnit>().FirstOrDefault(n => n.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            errors["unit"] = [$"Onbekende eenheid; kies {Units}."];
            return default;
        }

        return Enum.Parse<TermUnit>(name);
    }

    internal sealed record Response(
        DateOnly Start,
        int Amount,
        string Unit,
        DateOnly Due,
        DateTimeOffset ExpiresAt,
        List<SkippedResponse> Skipped,
        string Explanation);

    internal sealed record SkippedResponse(DateOnly Date, string Reason);
}
