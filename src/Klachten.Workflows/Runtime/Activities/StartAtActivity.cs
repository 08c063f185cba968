using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Waits until an instant (<c>dateTime</c>); an instant in the past continues at once.</summary>
internal sealed class StartAtActivity : IActivityBehavior
{
    public const string Type = "Elsa.StartAt";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Scheduling", "Wacht tot", "Wacht tot een bepaald tijdstip.", ActivityKind.Trigger)
    {
        Inputs = [new("DateTime", "DateTimeOffset", "Tijdstip", "Het tijdstip waarop de workflow verdergaat.", "datetime-picker")],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        var due = context.GetInstant("dateTime") ?? throw new ExpressionException("StartAt heeft geen tijdstip (dateTime).");
        return due <= context.Now
            ? ActivityResult.Done
            : ActivityResult.Suspend(new BookmarkRequest(BookmarkKind.Timer, DueAt: due));
    }
}
