using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Waits a time span (<c>timeSpan</c>) from now.</summary>
internal sealed class DelayActivity : IActivityBehavior
{
    public const string Type = "Elsa.Delay";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Scheduling", "Wachttijd", "Wacht een vaste tijdsduur.", ActivityKind.Trigger)
    {
        Inputs = [new("TimeSpan", "TimeSpan", "Tijdsduur", "Hoe lang gewacht wordt (uu:mm:ss of d.uu:mm:ss).")],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        var span = context.GetTimeSpan("timeSpan") ?? throw new ExpressionException("Delay heeft geen tijdsduur (timeSpan).");
        return ActivityResult.Suspend(new BookmarkRequest(BookmarkKind.Timer, DueAt: context.Now + span));
    }
}
