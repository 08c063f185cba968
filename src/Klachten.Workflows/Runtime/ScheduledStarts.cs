using System.Globalization;
using System.Text.Json.Nodes;
using Klachten.Contracts;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Runtime.Activities;

namespace Klachten.Workflows.Runtime;

/// <summary>
/// A Timer, StartAt or Cron activity that starts its published workflow (Elsa's scheduled triggers): a direct child of
/// the root flowchart marked "can start workflow", with a literal value.
/// </summary>
public sealed record ScheduledStart(string ActivityId, string ActivityType, TimeSpan? Interval, DateTimeOffset? At, string? Cron)
{
    /// <summary>When it first fires after publishing at <paramref name="now"/>; null when it never will.</summary>
    /// <remarks>Always in UTC, as the database stores instants.</remarks>
    public DateTimeOffset? FirstDue(DateTimeOffset now) => (ActivityType switch
    {
        // Elsa schedules a recurring timer from the moment of publishing; an instant in the past fires at once.
        ActivityTypes.Timer => now + Interval!.Value,
        ActivityTypes.StartAt => At,
        _ => CronSchedule.Parse(Cron!).GetNextOccurrence(now.ToUniversalTime(), AmsterdamTime.Zone),
    })?.ToUniversalTime();

    /// <summary>
    /// The occurrence after the one due at <paramref name="due"/> that fired at <paramref name="now"/>; null for a
    /// one-off. Occurrences missed while no node ran are not made up: one start, then the next future one.
    /// </summary>
    public DateTimeOffset? NextDue(DateTimeOffset due, DateTimeOffset now)
    {
        switch (ActivityType)
        {
            case ActivityTypes.Timer:
                var next = due + Interval!.Value;
                if (next <= now)
                {
                    var missed = (now - next).Ticks / Interval.Value.Ticks + 1;
                    next += TimeSpan.FromTicks(missed * Interval.Value.Ticks);
                }

                return next.ToUniversalTime();
            case ActivityTypes.StartAt:
                return null;
            default:
                return CronSchedule.Parse(Cron!).GetNextOccurrence(now.ToUniversalTime(), AmsterdamTime.Zone)?.ToUniversalTime();
        }
    }
}

/// <summary>Finds a definition's scheduled starts and says what is wrong with one (publish validation).</summary>
public static class ScheduledStarts
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal) { ActivityTypes.Timer, ActivityTypes.StartAt, ActivityTypes.Cron };

    /// <summary>The scheduled starts of a definition; activities with a missing or non-literal value are left out (see <see cref="Errors"/>).</summary>
    public static IReadOnlyList<ScheduledStart> Find(WorkflowDefinitionModel model) =>
        Candidates(model).Select(a => Read(a, out _)).OfType<ScheduledStart>().ToList();

    /// <summary>Dutch messages for scheduled starts the server cannot schedule.</summary>
    public static IEnumerable<string> Errors(WorkflowDefinitionModel model)
    {
        foreach (var activity in Candidates(model))
        {
            if (Read(activity, out var error) is null && error is not null)
            {
                yield return $"Activiteit '{(string.IsNullOrWhiteSpace(activity.Name) ? activity.Id : activity.Name)}' start de workflow, maar {error}";
            }
        }
    }

    private static IEnumerable<ActivityModel> Candidates(WorkflowDefinitionModel model) =>
        (model.Root?.IsFlowchart == true ? model.Root.Activities ?? [] : [])
            .Where(a => a.Type is { } type && Types.Contains(type) && a.Id is not null
                && a.CustomProperties?["canStartWorkflow"] is JsonValue start && start.TryGetValue<bool>(out var canStart) && canStart);

    private static ScheduledStart? Read(ActivityModel activity, out string? error)
    {
        error = null;
        switch (activity.Type)
        {
            case ActivityTypes.Timer:
                if (Literal(activity.GetInput("interval"), "het interval", out error) is not { } intervalText)
                {
                    return null;
                }

                if (!TimeSpan.TryParse(intervalText, CultureInfo.InvariantCulture, out var interval) || interval < TimeSpan.FromSeconds(1))
                {
                    error = $"het interval '{intervalText}' is geen tijdsduur van minstens een seconde (bijvoorbeeld 01:00:00).";
                    return null;
                }

                return new ScheduledStart(activity.Id!, ActivityTypes.Timer, interval, null, null);
            case ActivityTypes.StartAt:
                if (Literal(activity.GetInput("dateTime"), "het tijdstip", out error) is not { } atText)
                {
                    return null;
                }

                if (!DateTimeOffset.TryParse(atText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                {
                    error = $"'{atText}' is geen datum en tijd.";
                    return null;
                }

                return new ScheduledStart(activity.Id!, ActivityTypes.StartAt, null, at, null);
            default:
                if (Literal(activity.GetInput("cronExpression"), "de cron-expressie", out error) is not { } cron)
                {
                    return null;
                }

                // A bad expression is refused by the publish checks with its own message.
                return CronSchedule.Error(cron) is null ? new ScheduledStart(activity.Id!, ActivityTypes.Cron, null, null, cron) : null;
        }
    }

    // A schedule is fixed when the workflow is published, before any instance exists to evaluate an expression in.
    private static string? Literal(JsonNode? input, string what, out string? error)
    {
        error = null;
        var (syntax, value) = input switch
        {
            JsonObject wrapped when wrapped["expression"] is JsonObject expression => (expression["type"]?.ToString(), expression["value"]?.ToString()),
            JsonValue plain => ("Literal", plain.ToString()),
            _ => ((string?)null, (string?)null),
        };
        if (syntax is not (null or "Literal"))
        {
            error = $"{what} is een {syntax}-expressie; een workflow die op een tijdstip start, heeft een vaste waarde nodig.";
            return null;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            error = $"{what} is leeg.";
            return null;
        }

        return value;
    }
}
