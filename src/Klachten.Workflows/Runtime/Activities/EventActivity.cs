using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Waits for a named event, matched on the instance's correlation id when it has one.</summary>
internal sealed class EventActivity : IActivityBehavior
{
    public const string Type = "Elsa.Event";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Primitives", "Gebeurtenis", "Wacht op een gebeurtenis met een naam.", ActivityKind.Trigger)
    {
        Inputs = [new("EventName", "String", "Naam van de gebeurtenis", "De workflow gaat verder als deze gebeurtenis binnenkomt.")],
        Outputs = [new("Result", "Object", "Resultaat", "De gegevens die met de gebeurtenis meekwamen.")],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        var name = context.GetString("eventName");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ExpressionException("Event heeft geen naam (eventName).");
        }

        return ActivityResult.Suspend(new BookmarkRequest(BookmarkKind.Event, EventName: name, CorrelationId: context.State.CorrelationId));
    }

    public ActivityResult Resume(ActivityContext context, Bookmark bookmark, JsonObject? input)
    {
        if (input is not null)
        {
            context.Outputs["result"] = input.DeepClone();
        }

        return ActivityResult.Done;
    }
}
