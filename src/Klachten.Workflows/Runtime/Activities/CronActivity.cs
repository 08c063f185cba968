using Cronos;
using Klachten.Contracts;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>
/// Waits until the next moment a cron expression names (five fields, or six with seconds first, as Elsa reads them).
/// The times are Amsterdam times ("0 9 * * 1" is Monday 09:00 here, summer and winter), where Elsa counts in UTC.
/// </summary>
internal sealed class CronActivity : IActivityBehavior
{
    public const string Type = "Elsa.Cron";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Scheduling", "Cron", "Gaat verder op het volgende moment dat de cron-expressie aangeeft.", ActivityKind.Trigger)
    {
        Inputs = [new("CronExpression", "String", "Cron-expressie", "Bijvoorbeeld '0 9 * * 1': elke maandag om 9:00 (Nederlandse tijd).")],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        var text = context.GetString("cronExpression");
        if (CronSchedule.Error(text) is { } error)
        {
            throw new ExpressionException(error);
        }

        var next = CronSchedule.Parse(text!).GetNextOccurrence(context.Now.ToUniversalTime(), AmsterdamTime.Zone)
            ?? throw new ExpressionException($"De cron-expressie '{text}' heeft geen volgend moment meer.");
        return ActivityResult.Suspend(new BookmarkRequest(BookmarkKind.Timer, DueAt: next));
    }
}

/// <summary>Reading cron expressions as Elsa does: five fields, or six with seconds first.</summary>
public static class CronSchedule
{
    /// <summary>The parsed expression; call <see cref="Error"/> first.</summary>
    public static CronExpression Parse(string text)
    {
        var trimmed = text.Trim();
        var fields = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CronExpression.Parse(trimmed, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
    }

    /// <summary>A Dutch message when the text is not a cron expression; null when it is.</summary>
    public static string? Error(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "De cron-expressie is leeg.";
        }

        try
        {
            _ = Parse(text);
            return null;
        }
        catch (CronFormatException ex)
        {
            return $"'{text}' is geen geldige cron-expressie ({ex.Message}).";
        }
    }
}
