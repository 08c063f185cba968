using System.Globalization;
using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;
using Klachten.Workflows.Terms;

namespace Klachten.Workflows.Runtime.Activities;

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
