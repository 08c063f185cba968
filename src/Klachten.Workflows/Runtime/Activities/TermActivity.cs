using System.Globalization;
using System.Text.Json.Nodes;
using Klachten.Workflows.Definitions;
using Klachten.Workflows.Expressions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>A legal term as a timer: continues through <c>Verlopen</c> at 00:00 Amsterdam after the last day.</summary>
internal sealed class TermActivity : IActivityBehavior
{
    public const string Type = "Klachten.Term";

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Klachten", "Termijn", "Wacht tot een termijn volgens de Algemene termijnenwet is verstreken.", ActivityKind.Trigger)
    {
        Ports = ["Verlopen"],
        Inputs =
        [
            new("Amount", "Int32", "Aantal", "Hoeveel eenheden de termijn duurt (verplicht)."),
            new("Unit", "String", "Eenheid", "Werkdagen, kalenderdagen of weken (Algemene termijnenwet).", "dropdown", KlachtenActivities.TermUnits),
            KlachtenActivities.CountFromInput,
        ],
        Outputs =
        [
            new("Due", "String", "Laatste dag", "De laatste dag van de termijn (jjjj-mm-dd)."),
            new("ExpiresAt", "DateTimeOffset", "Verloopt op", "Het moment waarop de termijn verstreken is."),
        ],
    };

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
