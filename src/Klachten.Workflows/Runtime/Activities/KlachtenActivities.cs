using System.Globalization;
using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;
using Klachten.Workflows.Terms;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>The <c>Klachten.*</c> activities: human tasks, legal terms and letters.</summary>
public static class KlachtenActivities
{
    /// <summary>Every Klachten activity behaviour.</summary>
    public static IReadOnlyList<IActivityBehavior> All() => [new HumanTaskActivity(), new TermActivity(), new SendLetterActivity(), new SetComplaintStatusActivity()];

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
            return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(context.Now, AmsterdamTime.Zone).DateTime);
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, AmsterdamTime.Zone).DateTime)
            : throw new ExpressionException($"'countFrom' is geen datum: '{text}'.");
    }
}

/// <summary>
/// A task for a person in a role; each outcome is a port. Completing the task resumes the workflow. A task with a
/// term also waits on a timer at its expiry: when that fires first, the overrun is reported and the task stays open.
/// </summary>
internal sealed class HumanTaskActivity : IActivityBehavior
{
    public string TypeName => ActivityTypes.HumanTask;

    public ActivityResult Execute(ActivityContext context)
    {
        var title = context.GetString("title");
        var role = context.GetString("role");
        if (string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(role) || title.Length > 200 || role.Length > 50)
        {
            return ActivityResult.Fault("Een taak heeft een titel (hoogstens 200 tekens) en een rol (hoogstens 50 tekens) nodig.");
        }

        var outcomes = context.GetStrings("outcomes");
        outcomes = outcomes.Count == 0 ? ["Done"] : outcomes;
        var term = KlachtenActivities.ComputeTerm(context, "dueAmount", "dueUnit");
        var taskId = context.StableId("task");
        var bookmarkId = context.StableId("bookmark");
        var refused = RefusedOutcomes(context);
        context.Properties["taskId"] = taskId;
        context.Properties["bookmarkId"] = bookmarkId;
        context.Properties["title"] = title;
        context.Properties["role"] = role;
        context.Properties["outcomes"] = new JsonArray(outcomes.Select(o => (JsonNode?)JsonValue.Create(o)).ToArray());
        var assignee = context.GetString("assignee");
        context.AddEffect(new CreateHumanTask(taskId, bookmarkId, context.Activity.Id!, context.Activity.NodeId ?? context.Activity.Id!,
            title, role, context.GetString("description"), outcomes, term?.Due, term?.ExpiresAt, term?.Explanation, context.GetStrings("requiredFields"),
            string.IsNullOrWhiteSpace(assignee) ? null : assignee, refused));
        var task = new BookmarkRequest(BookmarkKind.HumanTask, DueAt: term?.ExpiresAt, TaskId: taskId, Id: bookmarkId);
        if (term is null)
        {
            return ActivityResult.Suspend(task);
        }

        context.Properties["expiresAt"] = term.ExpiresAt;
        return ActivityResult.Suspend(task, new BookmarkRequest(BookmarkKind.Timer, DueAt: term.ExpiresAt, TaskId: taskId, Id: context.StableId("overrun")));
    }

    public ActivityResult Resume(ActivityContext context, Bookmark bookmark, JsonObject? input)
    {
        var taskId = context.Properties["taskId"]!.GetValue<string>();
        if (bookmark.Kind == BookmarkKind.Timer)
        {
            // The term passed first: report it once and keep waiting for the person.
            var title = context.Properties["title"]?.GetValue<string>() ?? taskId;
            var role = context.Properties["role"]?.GetValue<string>() ?? string.Empty;
            context.AddEffect(new TermOverrun(taskId, title, role, bookmark.DueAt ?? context.Now, context.StableId("reminder")));
            context.JournalPayload["overrun"] = true;
            return ActivityResult.Suspend(new BookmarkRequest(BookmarkKind.HumanTask, TaskId: taskId, Id: context.Properties["bookmarkId"]!.GetValue<string>()));
        }

        var outcome = input?["outcome"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        var allowed = context.Properties["outcomes"]?.AsArray().Select(o => o!.GetValue<string>()).ToList() ?? [];
        if (outcome is null || !allowed.Contains(outcome, StringComparer.Ordinal))
        {
            return ActivityResult.Fault($"Uitkomst '{outcome}' hoort niet bij deze taak.");
        }

        foreach (var (key, value2) in input!)
        {
            context.Outputs[key] = value2?.DeepClone();
        }

        return ActivityResult.Complete(outcome);
    }

    public void Cancel(ActivityContext context, IReadOnlyList<Bookmark> bookmarks)
    {
        foreach (var taskId in bookmarks.Where(b => b.Kind == BookmarkKind.HumanTask).Select(b => b.TaskId).OfType<string>())
        {
            context.AddEffect(new CancelHumanTask(taskId));
        }
    }

    private static Dictionary<string, string>? RefusedOutcomes(ActivityContext context)
    {
        var node = context.Evaluate("refusedOutcomes");
        if (node is JsonValue v && v.TryGetValue<string>(out var text) && text.TrimStart().StartsWith('{'))
        {
            node = JsonNode.Parse(text);
        }

        return node is JsonObject map
            ? map.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal)
            : null;
    }
}

/// <summary>A legal term as a timer: continues through <c>Verlopen</c> at 00:00 Amsterdam after the last day.</summary>
internal sealed class TermActivity : IActivityBehavior
{
    public string TypeName => ActivityTypes.Term;

    public ActivityResult Execute(ActivityContext context)
    {
        var term = KlachtenActivities.ComputeTerm(context, "amount", "unit")
            ?? throw new ExpressionException("Een termijn heeft een aantal (amount) groter dan 0 nodig.");
        context.Outputs["due"] = term.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        context.Outputs["expiresAt"] = term.ExpiresAt;
        context.JournalPayload["explanation"] = term.Explanation;
        return term.ExpiresAt <= context.Now
            ? ActivityResult.Complete("Verlopen")
            : ActivityResult.Suspend(new BookmarkRequest(BookmarkKind.Timer, DueAt: term.ExpiresAt));
    }

    public ActivityResult Resume(ActivityContext context, Bookmark bookmark, JsonObject? input) => ActivityResult.Complete("Verlopen");
}

/// <summary>Requests a letter: an outbox message to the notification service with a stable id.</summary>
internal sealed class SendLetterActivity : IActivityBehavior
{
    public string TypeName => ActivityTypes.SendLetter;

    public ActivityResult Execute(ActivityContext context)
    {
        var kind = context.GetString("letterKind") ?? context.GetString("template");
        if (string.IsNullOrWhiteSpace(kind))
        {
            return ActivityResult.Fault("Een brief heeft een soort (letterKind) nodig.");
        }

        var payload = new JsonObject
        {
            ["workflowInstanceId"] = context.State.Id,
            ["correlationId"] = context.State.CorrelationId,
            ["letterKind"] = kind,
            ["recipients"] = ToArray(context.GetStrings("recipients")),
            ["copyTo"] = ToArray(context.GetStrings("copyTo")),
            ["attachments"] = ToArray(context.GetStrings("attachments")),
            ["activityId"] = context.Activity.Id,
        };
        var messageId = context.StableId("letter");
        payload["messageId"] = messageId;
        context.AddEffect(new PublishMessage(messageId, "SendLetter", payload));
        context.JournalPayload["letterKind"] = kind;
        return ActivityResult.Done;
    }

    private static JsonArray ToArray(IReadOnlyList<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}

/// <summary>Sets the complaint's status; the host applies it to the case in the same transaction.</summary>
internal sealed class SetComplaintStatusActivity : IActivityBehavior
{
    public string TypeName => ActivityTypes.SetComplaintStatus;

    public ActivityResult Execute(ActivityContext context)
    {
        var status = context.GetString("status");
        if (string.IsNullOrWhiteSpace(status))
        {
            return ActivityResult.Fault("Status klacht heeft geen status.");
        }

        context.AddEffect(new SetCaseStatus(status, context.GetString("note")));
        context.JournalPayload["status"] = status;
        return ActivityResult.Done;
    }
}
