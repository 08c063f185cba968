using System.Text.Json.Nodes;
using Klachten.Contracts;
using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>
/// A task for a person in a role; each outcome is a port. Completing the task resumes the workflow. A task with a
/// term also waits on a timer at its expiry: when that fires first, the overrun is reported and the task stays open.
/// </summary>
internal sealed class HumanTaskActivity : IActivityBehavior
{
    public const string Type = "Klachten.HumanTask";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Klachten", "Taak", "Een taak voor een medewerker in een rol; elke uitkomst is een uitgang.", ActivityKind.Task)
    {
        Ports = [],
        PortsFromInput = "Outcomes",
        PortsWhenEmpty = ["Done"],
        Inputs =
        [
            new("Title", "String", "Titel", "De titel van de taak in de takenlijst."),
            new("Role", "String", "Rol", "De rol die de taak mag uitvoeren.", "dropdown", DutchWords.Roles),
            new("Description", "String", "Omschrijving", "Wat de medewerker moet doen.", "multiline"),
            new("Outcomes", "String[]", "Uitkomsten", "De mogelijke uitkomsten; elke uitkomst is een uitgang van de taak.", "dynamic-outcomes"),
            new("Assignee", "String", "Toegewezen aan", "Gebruikersnaam van wie de taak krijgt; leeg is iedereen in de rol."),
            new("DueAmount", "Int32", "Termijn (aantal)", "Binnen hoeveel eenheden de taak af moet zijn; leeg is geen termijn."),
            new("DueUnit", "String", "Termijn (eenheid)", "De eenheid van de termijn.", "dropdown", KlachtenActivities.TermUnits),
            KlachtenActivities.CountFromInput,
            new("RequiredFields", "String[]", "Verplichte velden", "Gegevens die bij het afronden ingevuld moeten zijn.", "multitext"),
            new("RefusedOutcomes", "Object", "Geweigerde uitkomsten", "Uitkomsten die in deze situatie niet gekozen mogen worden, met de reden (JSON-object: uitkomst → reden).", DefaultSyntax: "JavaScript"),
            new("MetByLetter", "String", "Voldaan door brief", "Soort brief waarmee de termijn van deze taak gehaald is."),
        ],
    };

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
            string.IsNullOrWhiteSpace(assignee) ? null : assignee, refused, NullIfBlank(context.GetString("metByLetter"))));
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

        // Free text (comment, data) is stored once, with the task; the workflow keeps what it branches on.
        var completedBy = input!["completedBy"] is JsonValue by && by.TryGetValue<string>(out var user) ? user : null;
        context.Outputs["outcome"] = outcome;
        if (completedBy is not null)
        {
            context.Outputs["completedBy"] = completedBy;
        }

        context.AddEffect(new HumanTaskCompleted(taskId, outcome, completedBy));
        return ActivityResult.Complete(outcome);
    }

    public void Cancel(ActivityContext context, IReadOnlyList<Bookmark> bookmarks)
    {
        foreach (var taskId in bookmarks.Where(b => b.Kind == BookmarkKind.HumanTask).Select(b => b.TaskId).OfType<string>())
        {
            context.AddEffect(new CancelHumanTask(taskId));
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

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
