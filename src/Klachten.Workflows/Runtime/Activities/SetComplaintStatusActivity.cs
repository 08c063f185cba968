using Klachten.Contracts;
using Klachten.Workflows.Definitions;

namespace Klachten.Workflows.Runtime.Activities;

/// <summary>Sets the complaint's status; the host applies it to the case in the same transaction.</summary>
internal sealed class SetComplaintStatusActivity : IActivityBehavior
{
    public const string Type = "Klachten.SetComplaintStatus";

    /// <summary>The statuses a procedure may set (all but Cancelled, which only stopping the instance gives), in Dutch.</summary>
    private static readonly IReadOnlyList<(string Value, string Text)> Statuses =
        [.. DutchWords.Statuses.Where(s => s.Value != ComplaintStatus.Cancelled).Select(s => (s.Value.ToString(), s.Text))];

    public ActivityTypeInfo Descriptor { get; } = new(Type, "Klachten", "Status klacht", "Zet de status van de klacht (bijvoorbeeld WithCommittee).")
    {
        Inputs =
        [
            new("Status", "String", "Status", "De nieuwe status van de klacht.", "dropdown", Statuses),
            new("Note", "String", "Toelichting", "De regel in de tijdlijn van de klacht."),
        ],
    };

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
