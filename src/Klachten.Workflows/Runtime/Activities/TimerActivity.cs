using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Waits an interval (<c>interval</c>); inside a flowchart it fires once and continues.</summary>
internal sealed class TimerActivity : IActivityBehavior
{
    public const string Type = "Elsa.Timer";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Scheduling", "Timer", "Gaat verder na een interval.", ActivityKind.Trigger)
    {
        Inputs = [new("Interval", "TimeSpan", "Interval", "Na hoeveel tijd de timer afgaat.")],
    };

    public ActivityResult Execute(ActivityContext context)
    {
        var span = context.GetTimeSpan("interval") ?? throw new ExpressionException("Timer heeft geen interval.");
        return ActivityResult.Suspend(new BookmarkRequest(BookmarkKind.Timer, DueAt: context.Now + span));
    }
}
