using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Waits a time span (<c>timeSpan</c>) from now.</summary>
internal sealed class DelayActivity : IActivityBehavior
{
    public string TypeName => ActivityTypes.Delay;

    public ActivityResult Execute(ActivityContext context)
    {
        var span = context.GetTimeSpan("timeSpan") ?? throw new ExpressionException("Delay heeft geen tijdsduur (timeSpan).");
        return ActivityResult.Suspend(new BookmarkRequest(BookmarkKind.Timer, DueAt: context.Now + span));
    }
}

/// <summary>Waits an interval (<c>interval</c>); inside a flowchart it fires once and continues.</summary>
internal sealed class TimerActivity : IActivityBehavior
{
    public string TypeName => ActivityTypes.Timer;

    public ActivityResult Execute(ActivityContext context)
    {
        var span = context.GetTimeSpan("interval") ?? throw new ExpressionException("Timer heeft geen interval.");
        return ActivityResult.Suspend(new BookmarkRequest(BookmarkKind.Timer, DueAt: context.Now + span));
    }
}

/// <summary>Waits until an instant (<c>dateTime</c>); an instant in the past continues at once.</summary>
internal sealed class StartAtActivity : IActivityBehavior
{
    public string TypeName => ActivityTypes.StartAt;

    public ActivityResult Execute(ActivityContext context)
    {
        var due = context.GetInstant("dateTime") ?? throw new ExpressionException("StartAt heeft geen tijdstip (dateTime).");
        return due <= context.Now
            ? ActivityResult.Done
            : ActivityResult.Suspend(new BookmarkRequest(BookmarkKind.Timer, DueAt: due));
    }
}
