using System.Globalization;
using Klachten.Contracts;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;
using Klachten.Workflows.Terms;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>What the term-counting <c>Klachten.*</c> activities (task, term) share: inputs and the computation.</summary>
internal static class KlachtenActivities
{
    /// <summary>Term units (<see cref="TermUnit"/>) with their Dutch names.</summary>
    internal static readonly IReadOnlyList<(string Value, string Text)> TermUnits =
    [
        (nameof(TermUnit.WorkingDays), "Werkdagen"),
        (nameof(TermUnit.CalendarDays), "Kalenderdagen"),
        (nameof(TermUnit.Weeks), "Weken"),
    ];

    /// <summary>The event a term counts from (read by <see cref="ComputeTerm"/>).</summary>
    internal static readonly ActivityInputInfo CountFromInput = new("CountFrom", "String", "Tellen vanaf",
        "Datum (jjjj-mm-dd) of tijdstip waarna de termijn begint te lopen; leeg is vandaag.", DefaultSyntax: "JavaScript");

    /// <summary>Computes a term from the activity's inputs <c>{prefix}amount</c>, <c>{prefix}unit</c> and <c>countFrom</c>.</summary>
    internal static TermResult? ComputeTerm(ActivityContext context, string amountInput, string unitInput)
    {
        var amount = context.GetInt(amountInput);
        if (amount is null or 0)
        {
            return null;
        }

        var unitText = context.GetString(unitInput) ?? nameof(TermUnit.CalendarDays);
        if (!Enum.TryParse<TermUnit>(unitText, ignoreCase: true, out var unit))
        {
            throw new ExpressionException($"Onbekende termijneenheid '{unitText}'; gebruik CalendarDays, Weeks of WorkingDays.");
        }

        var calculator = context.Services.Terms ?? throw new ExpressionException("Termijnen zijn niet geconfigureerd.");
        try
        {
            return calculator.Compute(CountFrom(context), amount.Value, unit);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new ExpressionException($"Ongeldige termijn: {ex.Message}");
        }
    }

    // The event a term counts from: a date (yyyy-MM-dd) or an instant; without one, today in Amsterdam.
    private static DateOnly CountFrom(ActivityContext context)
    {
        var text = context.GetString("countFrom");
        if (string.IsNullOrWhiteSpace(text))
        {
            return AmsterdamTime.Today(context.Now);
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? AmsterdamTime.Today(instant)
            : throw new ExpressionException($"'countFrom' is geen datum: '{text}'.");
    }
}
